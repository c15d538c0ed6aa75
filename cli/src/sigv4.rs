//! Checking a request's SigV4 signature, for `eventstream serve --verify-sigv4`.

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use http::{HeaderMap, Method, Uri};
use std::time::{Duration, SystemTime};

/// Recomputes the signature of a request with the given `(access key, secret)`
/// over the headers it says it signed, at the time it says it was signed.
/// On failure: the error type and message Lambda answers with (403).
pub(crate) fn verify(
    credentials: &(String, String),
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), (&'static str, String)> {
    let missing = || {
        (
            "MissingAuthenticationTokenException",
            "Missing Authentication Token".to_string(),
        )
    };
    let authorization = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(missing)?;
    let fields = authorization.strip_prefix("AWS4-HMAC-SHA256 ").ok_or((
        "IncompleteSignatureException",
        "Only AWS4-HMAC-SHA256 signatures are supported".to_string(),
    ))?;
    let field = |name: &str| {
        fields
            .split(',')
            .map(str::trim)
            .find_map(|f| f.strip_prefix(name))
    };
    let incomplete = |what: &str| {
        (
            "IncompleteSignatureException",
            format!("Authorization header requires '{what}' parameter"),
        )
    };
    let credential = field("Credential=").ok_or_else(|| incomplete("Credential"))?;
    let signed = field("SignedHeaders=").ok_or_else(|| incomplete("SignedHeaders"))?;
    let signature = field("Signature=").ok_or_else(|| incomplete("Signature"))?;
    let mut scope = credential.split('/');
    let (access_key, _date, region, service) = (
        scope.next().unwrap_or_default(),
        scope.next(),
        scope.next().unwrap_or_default(),
        scope.next().unwrap_or_default(),
    );
    if access_key != credentials.0 {
        return Err((
            "UnrecognizedClientException",
            "The security token included in the request is invalid.".into(),
        ));
    }
    let time = headers
        .get("x-amz-date")
        .and_then(|v| v.to_str().ok())
        .and_then(parse_amz_date)
        .ok_or_else(|| incomplete("X-Amz-Date"))?;
    let host = headers
        .get("host")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("localhost");
    let url = format!(
        "http://{host}{}",
        uri.path_and_query().map_or("/", |p| p.as_str())
    );
    let names: Vec<&str> = signed.split(';').collect();
    let signed_headers: Vec<(&str, &str)> = headers
        .iter()
        .filter(|(name, _)| names.contains(&name.as_str()))
        .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)))
        .collect();
    let identity = Credentials::new(
        &credentials.0,
        &credentials.1,
        None,
        None,
        "eventstream-serve",
    )
    .into();
    let mut settings = SigningSettings::default();
    settings.excluded_headers = Some(Vec::new()); // exactly the headers the client signed
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| ("InvalidSignatureException", e.to_string()))?
        .into();
    let request = SignableRequest::new(
        method.as_str(),
        &url,
        signed_headers.into_iter(),
        SignableBody::Bytes(body),
    )
    .map_err(|e| ("InvalidSignatureException", e.to_string()))?;
    let (_, expected) = sign(request, &params)
        .map_err(|e| ("InvalidSignatureException", e.to_string()))?
        .into_parts();
    if expected.len() == signature.len()
        && expected
            .bytes()
            .zip(signature.bytes())
            .fold(0, |acc, (a, b)| acc | (a ^ b))
            == 0
    {
        Ok(())
    } else {
        Err((
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.".into(),
        ))
    }
}

/// `YYYYMMDDTHHMMSSZ` as a time.
fn parse_amz_date(text: &str) -> Option<SystemTime> {
    let digits = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    if text.len() != 16 || text.as_bytes().get(8) != Some(&b'T') || !text.ends_with('Z') {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(4..6)?, digits(6..8)?);
    let (hour, minute, second) = (digits(9..11)?, digits(11..13)?, digits(13..15)?);
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second;
    Some(SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).ok()?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn amz_dates_parse() {
        let t = super::parse_amz_date("20261124T163000Z").unwrap();
        assert_eq!(
            t.duration_since(std::time::SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_secs(),
            1_795_537_800
        );
        assert!(super::parse_amz_date("2026-11-24").is_none());
    }
}
