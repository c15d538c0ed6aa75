/* Our C ABI against AWS's own C decoder, aws-c-event-stream, in one
 * program: the same corpus decoded by both (every file given, and 2,000+
 * generated frames with random headers of all ten types), then the same
 * frames timed, interleaved, medians of 5.
 *
 *   versus [--quick] FILE...
 *
 * Exit status 1 if the two differ on an input ours accepts. Inputs ours
 * refuses are listed with what aws-c made of them. */
#define _POSIX_C_SOURCE 200809L
#include "eventstream.h"

#include <aws/common/allocator.h>
#include <aws/event-stream/event_stream.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* event_stream.c's library init calls aws-c-io's, which the codec does not
 * need (it is never called here). */
void aws_io_library_init(struct aws_allocator *allocator) { (void)allocator; }
void aws_io_library_clean_up(void) {}

typedef struct { char *data; size_t len, cap; } text;

static void put(text *t, const void *s, size_t n) {
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->data = realloc(t->data, t->cap);
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = 0;
}
static void putf(text *t, const char *f, long long v) {
    char b[48];
    put(t, b, (size_t)snprintf(b, sizeof b, f, v));
}
static void put_hex(text *t, const uint8_t *p, size_t n) {
    static const char d[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) { char c[2] = {d[p[i] >> 4], d[p[i] & 15]}; put(t, c, 2); }
}
static void put_value(text *t, int type, long long integer, const uint8_t *bytes, size_t len) {
    putf(t, " %lld ", type);
    if (type == ES_TYPE_BYTE_ARRAY || type == ES_TYPE_STRING || type == ES_TYPE_UUID) put_hex(t, bytes, len);
    else putf(t, "%lld", integer);
    put(t, "\n", 1);
}

/* ---- ours ---- */
static int ours(text *t, const uint8_t *in, size_t len) {
    es_decoder d;
    es_decoder_init(&d);
    size_t at = 0;
    while (at < len) {
        es_message m;
        int rc = es_decode(&d, in + at, len - at, &m, NULL);
        if (rc != ES_OK) { put(t, "error\n", 6); return rc; }
        putf(t, "frame %lld\n", (long long)es_message_len(&m));
        es_header_iter it;
        es_header h;
        es_message_headers(&m, &it);
        while (es_header_iter_next(&it, &h) == 1) {
            put(t, "  ", 2);
            put_hex(t, h.name.ptr, h.name.len);
            const uint8_t *b = h.value.type_byte == ES_TYPE_UUID ? h.value.uuid : h.value.bytes.ptr;
            size_t n = h.value.type_byte == ES_TYPE_UUID ? 16 : h.value.bytes.len;
            put_value(t, h.value.type_byte, h.value.integer, b, n);
        }
        es_bytes p = es_message_payload(&m);
        put(t, "  payload ", 10);
        put_hex(t, p.ptr, p.len);
        put(t, "\n", 1);
        at += es_message_len(&m);
    }
    put(t, "end\n", 4);
    return ES_OK;
}

/* ---- aws-c-event-stream's streaming decoder ---- */
typedef struct { text *out; text frame; int failed; int complete_frames; } aws_run;

static void on_prelude(struct aws_event_stream_streaming_decoder *d, struct aws_event_stream_message_prelude *p, void *u) {
    (void)d;
    aws_run *r = u;
    r->frame.len = 0;
    putf(&r->frame, "frame %lld\n", p->total_len);
}
static void on_header(struct aws_event_stream_streaming_decoder *d, struct aws_event_stream_message_prelude *p,
                      struct aws_event_stream_header_value_pair *h, void *u) {
    (void)d; (void)p;
    aws_run *r = u;
    put(&r->frame, "  ", 2);
    put_hex(&r->frame, (const uint8_t *)h->header_name, h->header_name_len);
    long long integer = 0;
    const uint8_t *bytes = NULL;
    size_t len = 0;
    switch (h->header_value_type) {
    case AWS_EVENT_STREAM_HEADER_BOOL_TRUE: integer = 1; break;
    case AWS_EVENT_STREAM_HEADER_BOOL_FALSE: integer = 0; break;
    case AWS_EVENT_STREAM_HEADER_BYTE: integer = aws_event_stream_header_value_as_byte(h); break;
    case AWS_EVENT_STREAM_HEADER_INT16: integer = aws_event_stream_header_value_as_int16(h); break;
    case AWS_EVENT_STREAM_HEADER_INT32: integer = aws_event_stream_header_value_as_int32(h); break;
    case AWS_EVENT_STREAM_HEADER_INT64: integer = aws_event_stream_header_value_as_int64(h); break;
    case AWS_EVENT_STREAM_HEADER_TIMESTAMP: integer = aws_event_stream_header_value_as_timestamp(h); break;
    case AWS_EVENT_STREAM_HEADER_UUID: bytes = h->header_value.static_val; len = 16; break;
    default: bytes = h->header_value.variable_len_val; len = h->header_value_len;
    }
    put_value(&r->frame, (int)h->header_value_type, integer, bytes, len);
}
static void on_payload(struct aws_event_stream_streaming_decoder *d, struct aws_byte_buf *p, int8_t final, void *u) {
    (void)d; (void)final;
    aws_run *r = u;
    if (!strstr(r->frame.data ? r->frame.data : "", "  payload ")) put(&r->frame, "  payload ", 10);
    put_hex(&r->frame, p->buffer, p->len);
}
static void on_complete(struct aws_event_stream_streaming_decoder *d, uint32_t crc, void *u) {
    (void)d; (void)crc;
    aws_run *r = u;
    if (!strstr(r->frame.data ? r->frame.data : "", "  payload ")) put(&r->frame, "  payload ", 10);
    put(&r->frame, "\n", 1);
    put(r->out, r->frame.data, r->frame.len);
    r->complete_frames++;
}
static void on_error(struct aws_event_stream_streaming_decoder *d, struct aws_event_stream_message_prelude *p,
                     int code, const char *message, void *u) {
    (void)d; (void)p; (void)code; (void)message;
    ((aws_run *)u)->failed = 1;
}

/* 0: decoded to the end; 1: refused; 2: left waiting for more bytes. */
static int theirs(text *t, const uint8_t *in, size_t len) {
    aws_run r = {t, {0}, 0, 0};
    struct aws_event_stream_streaming_decoder d;
    struct aws_event_stream_streaming_decoder_options o = {
        .on_payload_segment = on_payload, .on_prelude = on_prelude, .on_header = on_header,
        .on_complete = on_complete, .on_error = on_error, .user_data = &r};
    aws_event_stream_streaming_decoder_init_from_options(&d, aws_default_allocator(), &o);
    struct aws_byte_buf buf = aws_byte_buf_from_array(in, len);
    int rc = aws_event_stream_streaming_decoder_pump(&d, &buf);
    int waiting = d.message_pos != 0;
    aws_event_stream_streaming_decoder_clean_up(&d);
    free(r.frame.data);
    if (rc != 0 || r.failed) { put(t, "error\n", 6); return 1; }
    if (waiting) { put(t, "waiting\n", 8); return 2; }
    put(t, "end\n", 4);
    return 0;
}

/* ---- the corpus ---- */
static int differences = 0, refused = 0;

static void compare(const char *name, const uint8_t *in, size_t len) {
    text a = {0}, b = {0};
    int ours_rc = ours(&a, in, len);
    int theirs_rc = theirs(&b, in, len);
    int same = a.len == b.len && memcmp(a.data, b.data, a.len) == 0;
    if (ours_rc == ES_OK && !same) {
        differences++;
        fprintf(stderr, "DIFFERENT on %s (valid):\n--- ours\n%.400s\n--- aws-c\n%.400s\n", name, a.data, b.data ? b.data : "");
    } else if (ours_rc != ES_OK) {
        refused++;
        printf("  %-44s ours: %-34s aws-c: %s\n", name, es_strerror(ours_rc),
               theirs_rc == 0 ? "accepted it" : theirs_rc == 1 ? "refused it" : "waits for more bytes");
    }
    free(a.data); free(b.data);
}

static uint8_t *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *p = malloc(n > 0 ? (size_t)n : 1);
    if (n > 0 && fread(p, 1, (size_t)n, f) != (size_t)n) exit(2);
    fclose(f);
    *len = (size_t)n;
    return p;
}

static uint32_t rng = 12345;
static uint32_t next(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

/* `count` frames with 0..8 random headers of all ten types. */
static uint8_t *generated(size_t count, size_t *len) {
    size_t cap = count * 4096, at = 0;
    uint8_t *out = malloc(cap);
    static uint8_t names[8][32], values[8][256], payload[512];
    for (size_t f = 0; f < count; f++) {
        es_header h[8];
        size_t n = next() % 9;
        for (size_t i = 0; i < n; i++) {
            size_t name_len = 1 + next() % 31;
            for (size_t k = 0; k < name_len; k++) names[i][k] = (uint8_t)(' ' + next() % 95);
            memset(&h[i], 0, sizeof h[i]);
            h[i].name.ptr = names[i];
            h[i].name.len = name_len;
            h[i].value.type_byte = (uint8_t)(next() % 10);
            h[i].value.integer = (long long)(((uint64_t)next() << 32) | next());
            size_t value_len = next() % 256;
            for (size_t k = 0; k < value_len; k++)
                values[i][k] = h[i].value.type_byte == ES_TYPE_STRING ? (uint8_t)('a' + next() % 26) : (uint8_t)next();
            h[i].value.bytes.ptr = values[i];
            h[i].value.bytes.len = value_len;
            for (size_t k = 0; k < 16; k++) h[i].value.uuid[k] = (uint8_t)next();
        }
        size_t payload_len = next() % 512;
        for (size_t k = 0; k < payload_len; k++) payload[k] = (uint8_t)next();
        size_t written = 0;
        if (es_encode(h, n, payload, payload_len, out + at, cap - at, &written) != ES_OK) { fprintf(stderr, "encode failed\n"); exit(2); }
        at += written;
    }
    *len = at;
    return out;
}

/* ---- speed ---- */
static double now(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec + ts.tv_nsec * 1e-9; }

static size_t sink;
static void ours_fast(const uint8_t *in, size_t len) {
    es_decoder d;
    es_decoder_init(&d);
    size_t at = 0;
    es_message m;
    while (at < len && es_decode(&d, in + at, len - at, &m, NULL) == ES_OK) {
        es_header_iter it;
        es_header h[32];
        es_message_headers(&m, &it);
        for (intptr_t n; (n = es_header_iter_fill(&it, h, 32)) > 0;)
            for (intptr_t i = 0; i < n; i++) sink += h[i].name.len + (size_t)h[i].value.type_byte;
        sink += es_message_payload(&m).len;
        at += es_message_len(&m);
    }
}
static void count_payload(struct aws_event_stream_streaming_decoder *d, struct aws_byte_buf *p, int8_t f, void *u) { (void)d; (void)f; (void)u; sink += p->len; }
static void count_prelude(struct aws_event_stream_streaming_decoder *d, struct aws_event_stream_message_prelude *p, void *u) { (void)d; (void)u; sink += p->total_len; }
static void count_header(struct aws_event_stream_streaming_decoder *d, struct aws_event_stream_message_prelude *p,
                         struct aws_event_stream_header_value_pair *h, void *u) { (void)d; (void)p; (void)u; sink += h->header_name_len + (size_t)h->header_value_type; }
static void count_complete(struct aws_event_stream_streaming_decoder *d, uint32_t crc, void *u) { (void)d; (void)u; sink += crc & 1; }
static void theirs_fast(const uint8_t *in, size_t len) {
    struct aws_event_stream_streaming_decoder d;
    struct aws_event_stream_streaming_decoder_options o = {
        .on_payload_segment = count_payload, .on_prelude = count_prelude, .on_header = count_header,
        .on_complete = count_complete, .on_error = on_error, .user_data = NULL};
    aws_event_stream_streaming_decoder_init_from_options(&d, aws_default_allocator(), &o);
    struct aws_byte_buf buf = aws_byte_buf_from_array(in, len);
    aws_event_stream_streaming_decoder_pump(&d, &buf);
    aws_event_stream_streaming_decoder_clean_up(&d);
}

static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }

/* Medians of 5 interleaved runs of `reps` passes each; returns aws-c's time over ours. */
static double race(const char *name, const uint8_t *in, size_t len, int reps, int frames) {
    double a[5], b[5];
    for (int run = 0; run < 5; run++) {
        double t0 = now();
        for (int i = 0; i < reps; i++) ours_fast(in, len);
        double t1 = now();
        for (int i = 0; i < reps; i++) theirs_fast(in, len);
        double t2 = now();
        a[run] = t1 - t0;
        b[run] = t2 - t1;
    }
    qsort(a, 5, sizeof a[0], cmp);
    qsort(b, 5, sizeof b[0], cmp);
    double per = 1e9 / ((double)reps * frames);
    printf("  %-16s ours %8.1f ns/frame   aws-c %8.1f ns/frame   %5.2fx\n", name, a[2] * per, b[2] * per, b[2] / a[2]);
    return b[2] / a[2];
}

static uint8_t *repeat(const es_header *h, size_t n, size_t payload_len, size_t target, size_t *len, int *frames) {
    static uint8_t one[70000];
    static uint8_t payload[65536];
    memset(payload, 'x', sizeof payload);
    size_t flen = 0;
    if (es_encode(h, n, payload, payload_len, one, sizeof one, &flen) != ES_OK) exit(2);
    *frames = (int)(target / flen > 0 ? target / flen : 1);
    uint8_t *out = malloc(flen * (size_t)*frames);
    for (int i = 0; i < *frames; i++) memcpy(out + flen * (size_t)i, one, flen);
    *len = flen * (size_t)*frames;
    return out;
}

static es_header string_header(const char *name, const char *value) {
    es_header h;
    memset(&h, 0, sizeof h);
    h.name.ptr = (const uint8_t *)name;
    h.name.len = strlen(name);
    h.value.type_byte = ES_TYPE_STRING;
    h.value.bytes.ptr = (const uint8_t *)value;
    h.value.bytes.len = strlen(value);
    return h;
}

int main(int argc, char **argv) {
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    int first = quick ? 2 : 1;
    printf("inputs ours refuses (and what aws-c-event-stream makes of them):\n");
    for (int i = first; i < argc; i++) {
        size_t len;
        uint8_t *in = read_file(argv[i], &len);
        const char *name = strrchr(argv[i], '/');
        compare(name ? name + 1 : argv[i], in, len);
        free(in);
    }
    size_t glen;
    uint8_t *g = generated(2500, &glen);
    compare("2,500 generated frames, all ten types", g, glen);
    free(g);
    printf("%d files and 2,500 generated frames: %d differences on valid input, %d inputs refused\n",
           argc - first, differences, refused);

    es_header small[3] = {string_header(":message-type", "event"), string_header(":event-type", "PayloadChunk"),
                          string_header(":content-type", "application/octet-stream")};
    es_header heavy[20];
    static char names[20][4];
    static const uint8_t bytes8[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    for (int i = 0; i < 20; i++) {
        snprintf(names[i], sizeof names[i], "h%02d", i);
        memset(&heavy[i], 0, sizeof heavy[i]);
        heavy[i].name.ptr = (const uint8_t *)names[i];
        heavy[i].name.len = 3;
        heavy[i].value.type_byte = (uint8_t)(i % 10);
        static const long long ints[10] = {1, 0, -3, 300, 70000, 1LL << 40, 0, 0, 1700000000000LL, 0};
        heavy[i].value.integer = ints[i % 10];
        if (i % 10 == 6) { heavy[i].value.bytes.ptr = bytes8; heavy[i].value.bytes.len = 8; }
        if (i % 10 == 7) { heavy[i].value.bytes.ptr = (const uint8_t *)"some header value"; heavy[i].value.bytes.len = 17; }
        if (i % 10 == 9) memset(heavy[i].value.uuid, 0xab, 16);
    }
    int reps = quick ? 3 : 20, frames;
    size_t len;
    printf("speed (same process, interleaved, medians of 5; aws-c's time over ours):\n");
    uint8_t *s = repeat(small, 3, 32, 256 * 1024, &len, &frames);
    double r_small = race("small 32 B", s, len, reps, frames);
    free(s);
    uint8_t *l = repeat(small, 3, 65536, 4 * 1024 * 1024, &len, &frames);
    double r_large = race("payload 64 KiB", l, len, reps, frames);
    free(l);
    uint8_t *h = repeat(heavy, 20, 32, 256 * 1024, &len, &frames);
    double r_heavy = race("20 headers", h, len, reps, frames);
    free(h);
    printf("ratios: small %.2fx (target 4x), 64 KiB %.2fx (5x), 20 headers %.2fx (3.5x)  [sink %zu]\n",
           r_small, r_large, r_heavy, sink & 1);
    return differences ? 1 : 0;
}
