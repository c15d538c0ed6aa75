//! Checking a request's SigV4 signature, for `eventstream serve
//! --verify-sigv4`, as Lambda does: in two steps, so that a request that
//! cannot be authentic costs no body bytes.
//!
//! 1. [`Verifier::check_headers`], before the body: the Authorization header
//!    parses, names our access key, and its credential scope is today's date
//!    (as `X-Amz-Date` has it), our region and `lambda`; `X-Amz-Date` is a
//!    real time within 5 minutes of ours; every `x-amz-*` header the request
//!    carries is among those it signed.
//! 2. [`Verifier::check_signature`], with the body: the signature recomputed
//!    with aws-sigv4 matches.

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use http::{HeaderMap, Method, Uri};
use std::time::{Duration, SystemTime};

/// The clock difference Lambda accepts between a signature and itself.
pub const MAX_SKEW: Duration = Duration::from_secs(5 * 60);

/// Why a request is refused: Lambda's error type and message (403).
pub type Refusal = (&'static str, String);

/// The credentials and region a server accepts signatures for.
#[derive(Clone)]
pub struct Verifier {
    access_key: String,
    secret: String,
    region: String,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field("access_key", &self.access_key)
            .field("secret", &"(redacted)")
            .field("region", &self.region)
            .finish()
    }
}

/// What step 1 read from the headers, for step 2.
#[derive(Debug)]
pub struct Checked {
    signature: String,
    signed_headers: Vec<String>,
    time: SystemTime,
}

impl Verifier {
    /// A verifier for one key pair and region; empty credentials are refused.
    ///
    /// ```
    /// use eventstream_cli::sigv4::Verifier;
    /// assert!(Verifier::new("AKID", "secret", "us-east-1").is_ok());
    /// assert!(Verifier::new("", "", "us-east-1").is_err());
    /// ```
    pub fn new(access_key: &str, secret: &str, region: &str) -> Result<Verifier, String> {
        if access_key.is_empty() || secret.is_empty() {
            return Err("the access key id and the secret must not be empty".into());
        }
        Ok(Verifier {
            access_key: access_key.to_string(),
            secret: secret.to_string(),
            region: region.to_string(),
        })
    }

    /// Step 1: everything that can be checked before the body is read.
    pub fn check_headers(&self, headers: &HeaderMap, now: SystemTime) -> Result<Checked, Refusal> {
        let authorization = header(headers, "authorization").ok_or_else(|| {
            (
                "MissingAuthenticationTokenException",
                "Missing Authentication Token".to_string(),
            )
        })?;
        let fields = authorization.strip_prefix("AWS4-HMAC-SHA256 ").ok_or((
            "IncompleteSignatureException",
            "Only AWS4-HMAC-SHA256 signatures are supported".to_string(),
        ))?;
        let field = |name: &str| {
            fields
                .split(',')
                .map(str::trim)
                .find_map(|f| f.strip_prefix(name))
                .ok_or_else(|| {
                    (
                        "IncompleteSignatureException",
                        format!("Authorization header requires '{name}' parameter"),
                    )
                })
        };
        let credential = field("Credential=")?;
        let signed = field("SignedHeaders=")?;
        let signature = field("Signature=")?;
        let amz_date = header(headers, "x-amz-date")
            .ok_or_else(|| invalid("the request has no X-Amz-Date header"))?;
        let time = parse_amz_date(amz_date)
            .ok_or_else(|| invalid(format!("X-Amz-Date {amz_date:?} is not a valid date")))?;
        let skew = now.duration_since(time).unwrap_or_else(|e| e.duration());
        if skew > MAX_SKEW {
            return Err(invalid(format!(
                "Signature expired: {amz_date} is more than 5 minutes from the server's time"
            )));
        }
        let scope: Vec<&str> = credential.split('/').collect();
        let [access_key, date, region, service, "aws4_request"] = scope[..] else {
            return Err(invalid(format!(
                "Credential {credential:?} is not KEY/DATE/REGION/SERVICE/aws4_request"
            )));
        };
        if access_key != self.access_key {
            return Err((
                "UnrecognizedClientException",
                "The security token included in the request is invalid.".into(),
            ));
        }
        if Some(date) != amz_date.get(..8) {
            return Err(invalid(format!(
                "Credential should be scoped to a valid date: {date} is not the date of X-Amz-Date {amz_date}"
            )));
        }
        if region != self.region || service != "lambda" {
            return Err(invalid(format!(
                "Credential should be scoped to region '{}' and service 'lambda', not '{region}' and '{service}'",
                self.region
            )));
        }
        let signed_headers: Vec<String> = signed.split(';').map(str::to_ascii_lowercase).collect();
        if let Some(unsigned) = headers
            .keys()
            .map(|name| name.as_str())
            .find(|name| name.starts_with("x-amz-") && !signed_headers.iter().any(|s| s == name))
        {
            return Err(invalid(format!(
                "Header {unsigned} is present but not signed: every x-amz-* header must be"
            )));
        }
        if !signed_headers.iter().any(|s| s == "host") {
            return Err(invalid("the Host header must be signed"));
        }
        Ok(Checked {
            signature: signature.to_string(),
            signed_headers,
            time,
        })
    }

    /// Step 2: the signature, recomputed over the request and its body.
    pub fn check_signature(
        &self,
        checked: &Checked,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(), Refusal> {
        let host = header(headers, "host").unwrap_or("localhost");
        let url = format!(
            "http://{host}{}",
            uri.path_and_query().map_or("/", |p| p.as_str())
        );
        let signed: Vec<(&str, &str)> = headers
            .iter()
            .filter(|(name, _)| checked.signed_headers.iter().any(|s| s == name.as_str()))
            .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)))
            .collect();
        let identity = Credentials::new(&self.access_key, &self.secret, None, None, "serve").into();
        let mut settings = SigningSettings::default();
        settings.excluded_headers = Some(Vec::new()); // exactly the headers the client signed
        let params = aws_sigv4::sign::v4::SigningParams::builder()
            .identity(&identity)
            .region(&self.region)
            .name("lambda")
            .time(checked.time)
            .settings(settings)
            .build()
            .map_err(|e| invalid(e.to_string()))?
            .into();
        let request = SignableRequest::new(
            method.as_str(),
            &url,
            signed.into_iter(),
            SignableBody::Bytes(body),
        )
        .map_err(|e| invalid(e.to_string()))?;
        let (_, expected) = sign(request, &params)
            .map_err(|e| invalid(e.to_string()))?
            .into_parts();
        let given = checked.signature.as_bytes();
        let differs = expected.len() != given.len()
            || expected
                .bytes()
                .zip(given)
                .fold(0, |acc, (a, b)| acc | (a ^ b))
                != 0;
        if differs {
            return Err(invalid(
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
            ));
        }
        Ok(())
    }
}

fn invalid(message: impl Into<String>) -> Refusal {
    ("InvalidSignatureException", message.into())
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// `YYYYMMDDTHHMMSSZ` as a time; `None` for anything that is not a real
/// date and time (a month 13 or an hour 99 included).
pub fn parse_amz_date(text: &str) -> Option<SystemTime> {
    let digits = |range: std::ops::Range<usize>| {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse::<u16>().ok())?
    };
    if text.len() != 16 || text.as_bytes().get(8) != Some(&b'T') || !text.ends_with('Z') {
        return None;
    }
    let month = time::Month::try_from(u8::try_from(digits(4..6)?).ok()?).ok()?;
    let date = time::Date::from_calendar_date(
        i32::from(digits(0..4)?),
        month,
        u8::try_from(digits(6..8)?).ok()?,
    )
    .ok()?;
    let clock = time::Time::from_hms(
        u8::try_from(digits(9..11)?).ok()?,
        u8::try_from(digits(11..13)?).ok()?,
        u8::try_from(digits(13..15)?).ok()?,
    )
    .ok()?;
    let seconds = date.with_time(clock).assume_utc().unix_timestamp();
    Some(SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).ok()?))
}

#[cfg(test)]
mod tests {
    use super::parse_amz_date;

    #[test]
    fn amz_dates_parse_and_nonsense_is_refused_without_panicking() {
        let t = parse_amz_date("20261124T163000Z").unwrap();
        let seconds = t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
        assert_eq!(seconds, 1_795_537_800);
        for bad in [
            "99999999T999999Z",
            "20261324T163000Z",
            "20260230T000000Z",
            "20261124T246000Z",
            "2026-11-24",
            "+0261124T163000Z",
            "19600101T000000Z",
        ] {
            assert!(parse_amz_date(bad).is_none(), "{bad}");
        }
    }
}
