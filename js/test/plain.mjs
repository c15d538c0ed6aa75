// A message in a form that compares with deepStrictEqual across codecs and
// across the browser boundary (served to the browser tests' pages too).

/** A message with Int64, Date and byte values as plain data. */
export function plain(message) {
  const headers = {};
  for (const [name, { type, value }] of Object.entries(message.headers)) {
    let v = value;
    if (type === 'long') v = { int64: Array.from(value.bytes) };
    else if (type === 'timestamp') v = { date: value.getTime() };
    else if (type === 'binary') v = { bytes: Array.from(value) };
    headers[name] = { type, value: v };
  }
  return { headers, body: Array.from(message.body) };
}
