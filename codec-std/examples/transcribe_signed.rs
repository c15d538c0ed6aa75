//! Signs the audio a client sends to Transcribe `StartStreamTranscription`:
//! each `AudioEvent` wrapped in a signed frame whose signature chains from
//! the HTTP request's, then the empty frame that ends the stream. The frames
//! are what the AWS SDK for Rust sends, byte for byte.
//!
//! `cargo run -p eventstream --features sigv4 --example transcribe_signed`

use eventstream::sigv4::{EventSigner, EventVerifier};
use eventstream::{Decoder, Header, HeaderValue};
use std::time::SystemTime;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The signature of the signed HTTP/2 request that opened the stream (the
    // `Signature=` of its Authorization header) seeds the chain.
    let seed = "3c1f0e5b8d2a47e6b9c0d1e2f3a4b5c6d7e8f90123456789abcdef0123456789";
    let (access_key, secret) = ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    let mut signer = EventSigner::new(access_key, secret, None, "us-east-1", "transcribe", seed);

    let audio_event = [
        Header::new(":message-type", HeaderValue::String("event")),
        Header::new(":event-type", HeaderValue::String("AudioEvent")),
        Header::new(
            ":content-type",
            HeaderValue::String("application/octet-stream"),
        ),
    ];
    let pcm = vec![0u8; 3200]; // 100 ms of 16 kHz, 16-bit mono silence
    let mut sent = Vec::new();
    for _ in 0..3 {
        sent.push(signer.sign(&audio_event, &pcm, SystemTime::now())?);
    }
    sent.push(signer.sign_empty(SystemTime::now())?);
    println!(
        "{} signed frames, {} bytes",
        sent.len(),
        sent.iter().map(Vec::len).sum::<usize>(),
    );

    // What a server (or an emulator) does with them.
    let mut verifier = EventVerifier::new(secret, "us-east-1", "transcribe", seed);
    for frame in &sent {
        let outer = Decoder::new()
            .decode(frame)?
            .complete()
            .ok_or("a whole frame")?;
        match verifier.verify(outer)? {
            Some(audio) => println!("verified {} bytes of audio", audio.payload().len()),
            None => println!("verified the end of the stream"),
        }
    }
    Ok(())
}
