//! The `InvokeWithResponseStream` parameters' constraints, from the service
//! model, shared by the client (which refuses to send a bad request) and the
//! local server (which answers it as Lambda would).

/// Largest request payload for a synchronous invocation: 6 MB.
pub const MAX_PAYLOAD: usize = 6 * 1024 * 1024;
/// Largest decoded `ClientContext`, in bytes.
pub const MAX_CLIENT_CONTEXT: usize = 3583;

/// Splits a `FunctionName` (a name, a full ARN or a partial ARN, each with an
/// optional `:qualifier`) into the function's name and the qualifier; `None`
/// when it matches none of the forms.
///
/// ```
/// use eventstream_cli::params::split_function_name;
/// assert_eq!(split_function_name("my-fn"), Some(("my-fn", None)));
/// assert_eq!(split_function_name("arn:aws:lambda:us-east-1:123456789012:function:my-fn:prod"), Some(("my-fn", Some("prod"))));
/// assert_eq!(split_function_name("123456789012:function:my-fn"), Some(("my-fn", None)));
/// assert_eq!(split_function_name("bad name"), None);
/// assert_eq!(split_function_name("arn:aws:lambda:us-east-1:123456789012:my-fn"), None);
/// assert_eq!(split_function_name("arn:aws:lambda:us-east-1:12345:function:my-fn"), None);
/// ```
pub fn split_function_name(name: &str) -> Option<(&str, Option<&str>)> {
    let name_chars = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    };
    let qualifier_ok = |q: &str| valid_qualifier(q);
    // A full ARN is `arn:PARTITION:lambda:REGION:ACCOUNT:` before a partial one.
    let partial = match name.split(':').collect::<Vec<_>>().as_slice() {
        [
            "arn",
            partition,
            "lambda",
            region,
            account,
            "function",
            rest @ ..,
        ] if partition.starts_with("aws") && !region.is_empty() => {
            [&[*account, "function"][..], rest].concat()
        }
        ["arn", ..] => return None,
        parts => parts.to_vec(),
    };
    let split = match partial.as_slice() {
        [function] if function.len() <= 64 => (*function, None),
        [function, qualifier] => (*function, Some(*qualifier)),
        [account, "function", function] if account.len() == 12 => (*function, None),
        [account, "function", function, qualifier] if account.len() == 12 => {
            (*function, Some(*qualifier))
        }
        _ => return None,
    };
    (name.len() <= 256 && name_chars(split.0) && split.1.is_none_or(qualifier_ok)).then_some(split)
}

/// `Qualifier`: `$LATEST`, `$LATEST.PUBLISHED`, or 1 to 128 of `[a-zA-Z0-9-_$]`.
///
/// ```
/// assert!(eventstream_cli::params::valid_qualifier("v2"));
/// assert!(!eventstream_cli::params::valid_qualifier("bad!"));
/// ```
pub fn valid_qualifier(qualifier: &str) -> bool {
    (1..=128).contains(&qualifier.len())
        && (qualifier == "$LATEST"
            || qualifier == "$LATEST.PUBLISHED"
            || qualifier
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_$".contains(c)))
}

/// `TenantId`: 1 to 256 of `[a-zA-Z0-9._:/=+\-@ ]`.
///
/// ```
/// assert!(eventstream_cli::params::valid_tenant_id("tenant-1@example.com"));
/// assert!(!eventstream_cli::params::valid_tenant_id(""));
/// ```
pub fn valid_tenant_id(tenant: &str) -> bool {
    (1..=256).contains(&tenant.len())
        && tenant
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._:/=+-@ ".contains(c))
}

/// `ClientContext`: base64 of at most [`MAX_CLIENT_CONTEXT`] bytes; the problem if not.
///
/// ```
/// assert!(eventstream_cli::params::check_client_context("e30=").is_ok());
/// assert!(eventstream_cli::params::check_client_context("***").is_err());
/// ```
pub fn check_client_context(context: &str) -> Result<(), String> {
    use base64::Engine;
    match base64::engine::general_purpose::STANDARD.decode(context) {
        Ok(decoded) if decoded.len() <= MAX_CLIENT_CONTEXT => Ok(()),
        Ok(decoded) => Err(format!(
            "Client context is {} bytes; the limit is {MAX_CLIENT_CONTEXT}",
            decoded.len()
        )),
        Err(_) => Err("Client context must be base64".into()),
    }
}
