//! The engine of the `eventstream` command-line tool, apart from its argument
//! parsing: a local Lambda `InvokeWithResponseStream` endpoint ([`server`]),
//! a client for it and for the real service ([`client`]), the service
//! model's parameter rules ([`params`]) and SigV4 request verification.
//!
//! This is application code, built on the `eventstream` codec library: it
//! brings hyper, rustls and a process runner, which the codec crates do not.
//! It is a library only so that the tool's tests can drive it in-process.

pub mod client;
pub mod frames;
pub mod function;
pub mod params;
pub mod server;
pub mod sigv4;
pub mod terminal;
