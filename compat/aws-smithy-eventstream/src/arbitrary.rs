//! `Arbitrary` for the SDK's event-stream types (feature `derive-arbitrary`),
//! for fuzz targets: new-types around aws-smithy-types' `HeaderValue`,
//! `StrBytes`, `Header` and `Message`, which cannot implement it themselves.

use arbitrary::{Arbitrary, Unstructured};
use aws_smithy_types::DateTime;
use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
use aws_smithy_types::str_bytes::StrBytes;
use bytes::Bytes;

/// Any header value, of each of the ten wire types.
///
/// ```
/// use aws_smithy_eventstream::arbitrary::ArbHeaderValue;
/// use aws_smithy_types::event_stream::HeaderValue;
/// let mut data = arbitrary::Unstructured::new(&[0; 32]);
/// let value: HeaderValue = data.arbitrary::<ArbHeaderValue>().unwrap().into();
/// assert_eq!(value, HeaderValue::Bool(true));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ArbHeaderValue(HeaderValue);

impl<'a> Arbitrary<'a> for ArbHeaderValue {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        // The wire's type bytes: 0 true, 1 false, ... 9 uuid.
        let value = match u.int_in_range(0u8..=9)? {
            0 => HeaderValue::Bool(true),
            1 => HeaderValue::Bool(false),
            2 => HeaderValue::Byte(u.arbitrary()?),
            3 => HeaderValue::Int16(u.arbitrary()?),
            4 => HeaderValue::Int32(u.arbitrary()?),
            5 => HeaderValue::Int64(u.arbitrary()?),
            6 => HeaderValue::ByteArray(Bytes::from(u.arbitrary::<Vec<u8>>()?)),
            7 => HeaderValue::String(u.arbitrary::<ArbStrBytes>()?.0),
            8 => HeaderValue::Timestamp(DateTime::from_millis(u.arbitrary()?)),
            _ => HeaderValue::Uuid(u.arbitrary()?),
        };
        Ok(ArbHeaderValue(value))
    }
}

impl From<ArbHeaderValue> for HeaderValue {
    fn from(value: ArbHeaderValue) -> Self {
        value.0
    }
}

/// Any UTF-8 text.
///
/// ```
/// use aws_smithy_eventstream::arbitrary::ArbStrBytes;
/// use aws_smithy_types::str_bytes::StrBytes;
/// let text: StrBytes = arbitrary::Unstructured::new(b"\x02ab").arbitrary::<ArbStrBytes>().unwrap().into();
/// assert!(text.as_str().len() <= 3);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArbStrBytes(StrBytes);

impl<'a> Arbitrary<'a> for ArbStrBytes {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(ArbStrBytes(StrBytes::from(u.arbitrary::<String>()?)))
    }
}

impl From<ArbStrBytes> for StrBytes {
    fn from(text: ArbStrBytes) -> Self {
        text.0
    }
}

/// Any header: a name and a value.
///
/// ```
/// use aws_smithy_eventstream::arbitrary::ArbHeader;
/// use aws_smithy_types::event_stream::Header;
/// let header: Header = arbitrary::Unstructured::new(&[1; 16]).arbitrary::<ArbHeader>().unwrap().into();
/// # drop(header);
/// ```
#[derive(Clone, Debug, PartialEq, Arbitrary)]
pub struct ArbHeader {
    name: ArbStrBytes,
    value: ArbHeaderValue,
}

impl From<ArbHeader> for Header {
    fn from(header: ArbHeader) -> Self {
        Header::new(header.name, header.value)
    }
}

/// Any message: headers, then a payload.
///
/// ```
/// use aws_smithy_eventstream::arbitrary::ArbMessage;
/// use aws_smithy_types::event_stream::Message;
/// let message: Message = arbitrary::Unstructured::new(&[7; 64]).arbitrary::<ArbMessage>().unwrap().into();
/// # drop(message);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ArbMessage(Message);

impl<'a> Arbitrary<'a> for ArbMessage {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let headers = u
            .arbitrary_iter::<ArbHeader>()?
            .map(|header| header.map(Header::from))
            .collect::<arbitrary::Result<Vec<_>>>()?;
        let payload = Bytes::from(u.arbitrary::<Vec<u8>>()?);
        Ok(ArbMessage(Message::new_from_parts(headers, payload)))
    }
}

impl From<ArbMessage> for Message {
    fn from(message: ArbMessage) -> Self {
        message.0
    }
}
