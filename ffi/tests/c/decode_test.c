/* The C ABI's test: every file given is decoded whole, one byte at a time
 * and in random chunks, with es_decode, with es_stream_decoder and with its
 * callback pump (aws-c's shape); all five must print the same frames, and the whole-buffer run is printed for the
 * caller to compare with the Rust decoder's (ffi/examples/canonical.rs).
 * Each frame is also encoded again (es_encode and es_encode_head) and must
 * give its own bytes back.
 *
 *   decode_test FILE...   > what the C library decoded
 */
#include "eventstream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Text written by one run, compared across the four runs. */
typedef struct {
    char *data;
    size_t len, cap;
} text;

static void put(text *t, const char *s, size_t n) {
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->data = realloc(t->data, t->cap);
        if (!t->data) { perror("realloc"); exit(2); }
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = 0;
}

static void putf(text *t, const char *format, long long a) {
    char buf[64];
    int n = snprintf(buf, sizeof buf, format, a);
    put(t, buf, (size_t)n);
}

static void put_hex(text *t, es_bytes b) {
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < b.len; i++) {
        char pair[2] = {digits[b.ptr[i] >> 4], digits[b.ptr[i] & 15]};
        put(t, pair, 2);
    }
}

static int failures = 0;

static void fail(const char *what, const char *file) {
    fprintf(stderr, "FAIL %s: %s\n", file, what);
    failures++;
}

/* One header, as canonical.rs prints it. */
static void put_header(text *t, const es_header *h) {
    put(t, "  header ", 9);
    put_hex(t, h->name);
    putf(t, " %lld ", h->value.type_byte);
    switch (h->value.type_byte) {
    case ES_TYPE_BYTE_ARRAY:
    case ES_TYPE_STRING:
        put_hex(t, h->value.bytes);
        break;
    case ES_TYPE_UUID: {
        es_bytes uuid = {h->value.uuid, 16};
        put_hex(t, uuid);
        break;
    }
    default:
        putf(t, "%lld", h->value.integer);
    }
    put(t, "\n", 1);
}

/* The frame's headers from an iterator, and the same headers as an array
 * for encoding again. */
static size_t read_headers(text *t, es_header_iter *it, es_header *out, size_t cap) {
    es_header h;
    size_t n = 0;
    while (es_header_iter_next(it, &h) == 1) {
        put_header(t, &h);
        if (n < cap) out[n] = h;
        n++;
    }
    return n;
}

/* Field by field: padding bytes are not part of a header. */
static int same_header(const es_header *a, const es_header *b) {
    return a->name.ptr == b->name.ptr && a->name.len == b->name.len && a->value.type_byte == b->value.type_byte &&
           a->value.integer == b->value.integer && a->value.bytes.ptr == b->value.bytes.ptr &&
           a->value.bytes.len == b->value.bytes.len && memcmp(a->value.uuid, b->value.uuid, 16) == 0;
}

/* es_header_iter_fill, 3 headers at a time, gives what es_header_iter_next gave. */
static void check_fill(const es_message *m, const es_header *expected, size_t count, const char *file) {
    es_header_iter it;
    es_header some[3];
    size_t seen = 0;
    intptr_t n;
    es_message_headers(m, &it);
    while ((n = es_header_iter_fill(&it, some, 3)) > 0) {
        for (intptr_t i = 0; i < n; i++, seen++)
            if (seen < 64 && !same_header(&some[i], &expected[seen]))
                fail("es_header_iter_fill differs from es_header_iter_next", file);
    }
    if (n < 0 || seen != count) fail("es_header_iter_fill gave another count", file);
    if (es_header_iter_fill(&it, NULL, 3) != ES_ERR_NULL) fail("es_header_iter_fill took NULL", file);
}

/* The message's kind and Lambda view, as canonical.rs prints them. */
static void put_views(text *t, const es_message *m) {
    es_kind kind;
    int rc = es_message_kind(m, &kind);
    if (rc == ES_OK) {
        putf(t, "  kind %lld ", kind.kind);
        put_hex(t, kind.name);
        put(t, " ", 1);
        put_hex(t, kind.message);
        put(t, "\n", 1);
    } else {
        putf(t, "  kind error %lld\n", rc);
    }
    es_lambda_info ev;
    rc = es_lambda_event(m, &ev);
    if (rc == ES_OK) {
        putf(t, "  lambda %lld ", ev.kind);
        put_hex(t, ev.event_type);
        put(t, " ", 1);
        put_hex(t, ev.error_code);
        put(t, " ", 1);
        put_hex(t, ev.error_details);
        put(t, " ", 1);
        put_hex(t, ev.log_result);
        put(t, "\n", 1);
    } else {
        putf(t, "  lambda error %lld\n", rc);
    }
}

/* Encodes the frame again from its decoded headers and payload: it must
 * give its own bytes, through es_encode and through es_encode_head. */
static void check_encode(const es_message *m, const es_header *headers, size_t count, const char *file) {
    es_bytes frame = es_message_frame(m), payload = es_message_payload(m);
    es_bytes block = es_message_header_block(m);
    if (block.len != 0 && (block.ptr != frame.ptr + 12 || block.ptr + block.len != payload.ptr))
        fail("es_message_header_block is not the bytes between the prelude and the payload", file);
    /* The block on its own parses to the same headers. */
    es_header_iter alone;
    es_header h;
    es_decoder decoder;
    es_decoder_init(&decoder);
    size_t seen = 0;
    if (es_headers_parse(&decoder, block.ptr, block.len, &alone) != ES_OK) fail("es_headers_parse refuses a frame's block", file);
    else while (es_header_iter_next(&alone, &h) == 1) {
        if (seen >= count || !same_header(&h, &headers[seen])) fail("es_headers_parse reads another header", file);
        seen++;
    }
    if (seen != count) fail("es_headers_parse reads another number of headers", file);
    if (block.len > 0 && (es_headers_parse(&decoder, block.ptr, block.len - 1, &alone) >= 0
                          || es_decoder_error_offset(&decoder) < 0 || es_decoder_error_offset(&decoder) >= (int64_t)block.len))
        fail("es_headers_parse takes a block cut short, or says no offset inside it", file);
    size_t len = 0, written = 0, head_len = 0;
    uint32_t crc = 0;
    if (es_encoded_len(headers, count, payload.len, &len) != ES_OK || len != frame.len) {
        fail("es_encoded_len differs from the frame", file);
        return;
    }
    uint8_t *out = malloc(len);
    if (es_encode(headers, count, payload.ptr, payload.len, out, len, &written) != ES_OK
        || written != len || memcmp(out, frame.ptr, len) != 0)
        fail("es_encode does not give the frame back", file);
    if (es_encode(headers, count, payload.ptr, payload.len, out, len - 1, &written) != ES_ERR_BUFFER_TOO_SMALL)
        fail("es_encode into a short buffer is not ES_ERR_BUFFER_TOO_SMALL", file);
    if (es_encode_head(headers, count, payload.ptr, payload.len, out, len, &head_len, &crc) != ES_OK
        || head_len + payload.len + 4 != len || memcmp(out, frame.ptr, head_len) != 0
        || crc != ((uint32_t)frame.ptr[len - 4] << 24 | (uint32_t)frame.ptr[len - 3] << 16
                   | (uint32_t)frame.ptr[len - 2] << 8 | frame.ptr[len - 1]))
        fail("es_encode_head does not give the head and CRC back", file);
    free(out);
}

/* es_decode over the input fed in chunks of `step` bytes (0: random sizes
 * of 1 to 64 bytes), a buffer kept as a reader would. */
static void run_decoder(text *t, const uint8_t *input, size_t len, size_t step, const char *file) {
    es_decoder decoder;
    es_decoder_init(&decoder);
    size_t fed = 0, start = 0;
    int rc = ES_INCOMPLETE;
    es_header headers[64];
    while (start < len || fed < len) {
        if (rc == ES_INCOMPLETE) {
            if (fed == len) break;
            size_t n = step ? step : 1 + (size_t)(rand() % 64);
            fed = fed + n > len ? len : fed + n;
        }
        es_message m;
        size_t needed = 0;
        rc = es_decode(&decoder, input + start, fed - start, &m, &needed);
        if (rc == ES_INCOMPLETE) {
            if (needed == 0) fail("ES_INCOMPLETE with nothing needed", file);
            continue;
        }
        if (rc != ES_OK) {
            char message[256];
            es_decoder_error_message(&decoder, message, sizeof message);
            putf(t, "error %lld\n", rc);
            if (es_decoder_error_offset(&decoder) < 0) fail("an error without an offset", file);
            return;
        }
        putf(t, "frame %lld\n", (long long)es_message_len(&m));
        es_header_iter it;
        es_message_headers(&m, &it);
        size_t count = read_headers(t, &it, headers, 64);
        check_fill(&m, headers, count, file);
        put(t, "  payload ", 10);
        put_hex(t, es_message_payload(&m));
        put(t, "\n", 1);
        put_views(t, &m);
        if (count <= 64) check_encode(&m, headers, count, file);
        start += es_message_len(&m);
    }
    if (start < len) putf(t, "error %lld\n", ES_ERR_TRUNCATED);
    else put(t, "end\n", 4);
}

/* es_stream_decoder over the same chunks: the same frames, headers and
 * payloads, each written once its END verified it (kinds are the
 * whole-frame decoder's: printed from a decode of the verified frame). */
static void run_stream(text *t, const uint8_t *input, size_t len, size_t step, const char *file) {
    es_stream_decoder sd;
    es_stream_decoder_init(&sd);
    size_t at = 0, frame_start = 0;
    text frame = {0};
    es_header headers[64];
    while (at < len) {
        size_t n = step ? step : 1 + (size_t)(rand() % 64);
        if (n > len - at) n = len - at;
        const uint8_t *chunk = input + at;
        size_t rest = n;
        for (;;) {
            size_t used = 0;
            es_stream_event ev;
            int rc = es_stream_decode(&sd, chunk, rest, &used, &ev);
            if (rc == ES_INCOMPLETE) break;
            if (rc != ES_OK) {
                putf(t, "error %lld\n", rc);
                free(frame.data);
                return;
            }
            chunk += used;
            rest -= used;
            if (ev.kind == ES_EVENT_PRELUDE) {
                frame.len = 0;
                putf(&frame, "frame %lld\n", ev.total_len);
            } else if (ev.kind == ES_EVENT_HEADERS) {
                es_header_iter it;
                if (es_stream_decoder_headers(&sd, &it) != ES_OK) fail("no headers after ES_EVENT_HEADERS", file);
                read_headers(&frame, &it, headers, 64);
                put(&frame, "  payload ", 10);
            } else if (ev.kind == ES_EVENT_PAYLOAD) {
                put_hex(&frame, ev.payload);
            } else if (ev.kind == ES_EVENT_END) {
                put(&frame, "\n", 1);
                put(t, frame.data, frame.len);
                size_t frame_end = (size_t)(chunk - input);
                es_decoder d;
                es_decoder_init(&d);
                es_message m;
                if (es_decode(&d, input + frame_start, frame_end - frame_start, &m, NULL) != ES_OK)
                    fail("a frame the stream decoder verified does not decode whole", file);
                else put_views(t, &m);
                frame_start = frame_end;
            }
        }
        at += n;
    }
    free(frame.data);
    if (frame_start < len) putf(t, "error %lld\n", ES_ERR_TRUNCATED);
    else put(t, "end\n", 4);
}

/* es_stream_decoder_pump, aws-c's callback shape, over random chunks: the
 * same text as run_stream, written from the callbacks. */
typedef struct {
    text frame;
    text *t;
    const uint8_t *input;
    const char *file;
    size_t frame_start;
    uint32_t total_len, headers_len, payload_seen;
    int in_payload, final_seen, error_code;
} pumped;

static void on_prelude(void *user, uint32_t total_len, uint32_t headers_len) {
    pumped *p = user;
    p->frame.len = 0;
    p->total_len = total_len;
    p->headers_len = headers_len;
    p->payload_seen = 0;
    p->in_payload = p->final_seen = 0;
    putf(&p->frame, "frame %lld\n", total_len);
}

static void on_header(void *user, const es_header *header) {
    put_header(&((pumped *)user)->frame, header);
}

static void on_payload_segment(void *user, es_bytes segment, int final_segment) {
    pumped *p = user;
    if (!p->in_payload) put(&p->frame, "  payload ", 10);
    p->in_payload = 1;
    put_hex(&p->frame, segment);
    p->payload_seen += (uint32_t)segment.len;
    if (final_segment != (p->payload_seen == p->total_len - p->headers_len - 16))
        fail("final_segment is not set exactly on the payload's last segment", p->file);
    p->final_seen |= final_segment;
}

static void on_complete(void *user, uint32_t message_crc) {
    pumped *p = user;
    (void)message_crc;
    if (!p->in_payload) put(&p->frame, "  payload ", 10);
    else if (!p->final_seen) fail("no final_segment before on_complete", p->file);
    put(&p->frame, "\n", 1);
    put(p->t, p->frame.data, p->frame.len);
    es_decoder d;
    es_decoder_init(&d);
    es_message m;
    if (es_decode(&d, p->input + p->frame_start, p->total_len, &m, NULL) != ES_OK)
        fail("a frame the pump verified does not decode whole", p->file);
    else put_views(p->t, &m);
    p->frame_start += p->total_len;
}

static void on_error(void *user, int code, const char *message) {
    pumped *p = user;
    p->error_code = code;
    if (strcmp(message, es_strerror(code)) != 0) fail("on_error's text is not es_strerror's", p->file);
}

static void run_pump(text *t, const uint8_t *input, size_t len, const char *file) {
    es_stream_decoder sd;
    es_stream_decoder_init(&sd);
    es_stream_callbacks cb = {on_prelude, on_header, on_payload_segment, on_complete, on_error};
    pumped p = {.t = t, .input = input, .file = file};
    for (size_t at = 0; at < len;) {
        size_t n = 1 + (size_t)(rand() % 64);
        if (n > len - at) n = len - at;
        int rc = es_stream_decoder_pump(&sd, input + at, n, &cb, &p);
        if (rc != ES_OK) {
            if (rc != p.error_code) fail("the pump's error is not the one on_error saw", file);
            putf(t, "error %lld\n", rc);
            free(p.frame.data);
            return;
        }
        at += n;
    }
    free(p.frame.data);
    if (p.frame_start < len) putf(t, "error %lld\n", ES_ERR_TRUNCATED);
    else put(t, "end\n", 4);
}

/* Any number of headers that fits the format's 128 KiB block encodes: 20,000
 * one-byte-named booleans (60,000 bytes of headers), read back in order. */
static void check_many_headers(void) {
    enum { COUNT = 20000 };
    static es_header many[COUNT];
    static char names[COUNT];
    for (size_t i = 0; i < COUNT; i++) {
        names[i] = (char)('a' + i % 26);
        many[i] = (es_header){{(const uint8_t *)&names[i], 1}, {(uint8_t)(i % 2), (long long)(1 - i % 2), {NULL, 0}, {0}}};
    }
    size_t len = 0, written = 0, needed = 0;
    if (es_encoded_len(many, COUNT, 2, &len) != ES_OK || len != 16 + 3 * COUNT + 2) {
        fail("es_encoded_len of 20,000 headers", "many headers");
        return;
    }
    uint8_t *frame = malloc(len);
    if (es_encode(many, COUNT, (const uint8_t *)"hi", 2, frame, len, &written) != ES_OK || written != len)
        fail("es_encode of 20,000 headers", "many headers");
    es_decoder decoder;
    es_decoder_init(&decoder);
    es_message m;
    es_header_iter it;
    es_header h;
    size_t seen = 0;
    if (es_decode(&decoder, frame, len, &m, &needed) == ES_OK && es_message_headers(&m, &it) == ES_OK) {
        while (es_header_iter_next(&it, &h) == 1) {
            if (h.name.len != 1 || h.name.ptr[0] != names[seen] || h.value.type_byte != many[seen].value.type_byte)
                fail("a header of 20,000 read back differently", "many headers");
            seen++;
        }
    }
    if (seen != COUNT) fail("20,000 headers encoded, not as many read back", "many headers");
    free(frame);
    /* 50,000 take 150,000 bytes: over the block's 128 KiB, refused. */
    static es_header too_many[50000];
    for (size_t i = 0; i < 50000; i++) too_many[i] = many[i % COUNT];
    if (es_encoded_len(too_many, 50000, 0, &len) != ES_ERR_ENCODE_HEADERS_TOO_LONG)
        fail("a header block over 128 KiB is not ES_ERR_ENCODE_HEADERS_TOO_LONG", "many headers");
}

static uint8_t *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *data = malloc(size > 0 ? (size_t)size : 1);
    if (size > 0 && fread(data, 1, (size_t)size, f) != (size_t)size) { perror(path); exit(2); }
    fclose(f);
    *len = (size_t)size;
    return data;
}

static int same_frames(const text *a, const text *b) {
    return a->len == b->len && memcmp(a->data, b->data, a->len) == 0;
}

int main(int argc, char **argv) {
    srand(7);
    for (int i = 1; i < argc; i++) {
        size_t len;
        uint8_t *input = read_file(argv[i], &len);
        text whole = {0}, bytes = {0}, chunks = {0}, streamed = {0}, pumped_text = {0};
        run_decoder(&whole, input, len, len ? len : 1, argv[i]);
        run_decoder(&bytes, input, len, 1, argv[i]);
        run_decoder(&chunks, input, len, 0, argv[i]);
        run_stream(&streamed, input, len, 0, argv[i]);
        run_pump(&pumped_text, input, len, argv[i]);
        if (!same_frames(&whole, &bytes)) fail("byte by byte differs from whole", argv[i]);
        if (!same_frames(&whole, &chunks)) fail("random chunks differ from whole", argv[i]);
        if (!same_frames(&whole, &streamed)) fail("es_stream_decoder differs from es_decode", argv[i]);
        if (!same_frames(&whole, &pumped_text)) fail("es_stream_decoder_pump differs from es_decode", argv[i]);
        const char *name = strrchr(argv[i], '/');
        printf("file %s\n%s", name ? name + 1 : argv[i], whole.data ? whole.data : "");
        free(whole.data); free(bytes.data); free(chunks.data); free(streamed.data); free(pumped_text.data);
        free(input);
    }
    /* Arguments that are not what a function wants are error codes. */
    es_message m;
    size_t needed;
    if (es_decode(NULL, (const uint8_t *)"", 0, &m, &needed) != ES_ERR_NULL) fail("NULL decoder", "args");
    es_decoder d;
    memset(&d, 0, sizeof d);
    if (es_decode(&d, (const uint8_t *)"", 0, &m, &needed) != ES_ERR_UNINITIALIZED) fail("uninitialised decoder", "args");
    es_decoder_init(&d);
    if (es_decode(&d, NULL, 5, &m, &needed) != ES_ERR_NULL) fail("NULL input with a length", "args");
    if (es_decode((es_decoder *)((char *)&d + 1), (const uint8_t *)"", 0, &m, &needed) != ES_ERR_NULL)
        fail("a misaligned decoder", "args");
    if (es_message_len(NULL) != 0 || es_message_payload(NULL).len != 0) fail("a NULL message", "args");
    es_header bad = {{(const uint8_t *)"\xff", 1}, {ES_TYPE_TRUE, 0, {NULL, 0}, {0}}};
    size_t encoded;
    if (es_encoded_len(&bad, 1, 0, &encoded) != ES_ERR_NAME_NOT_UTF8) fail("a name that is not UTF-8", "args");
    bad.name.ptr = (const uint8_t *)"n";
    bad.value.type_byte = 10;
    if (es_encoded_len(&bad, 1, 0, &encoded) != ES_ERR_VALUE_TYPE) fail("a value type above 9", "args");
    if (es_decode(&d, (const uint8_t *)"x", (size_t)-1, &m, &needed) != ES_ERR_LENGTH) fail("a length beyond PTRDIFF_MAX", "args");
    if (strcmp(es_strerror(ES_ERR_MESSAGE_CHECKSUM), "message checksum mismatch") != 0) fail("es_strerror", "args");
    check_many_headers();
    if (strlen(es_version()) == 0) fail("es_version", "args");
    fprintf(stderr, "%d passed, %d failed\n", failures ? 0 : argc - 1, failures);
    return failures ? 1 : 0;
}
