/* A Lambda InvokeWithResponseStream body on stdin, told as `eventstream lambda`
 * tells it: the function's output on stdout; how it ended on stderr, with the
 * error details and the log's tail; what went wrong, and where, when the service
 * sent an error or the stream broke. Frames up to 1 MiB.
 *   cc lambda.c $(pkg-config --cflags --libs eventstream) && ./a.out < body.bin */
#include <eventstream.h>
#include <stdio.h>

static uint8_t buf[1 << 20];
static char code[256], details[64 * 1024], said[4096];
static uint8_t log_tail[8 * 1024];

/* InvokeComplete: how the function ended; returns the exit status. */
static int complete(const es_lambda_info *ev) {
    size_t len;
    if (!ev->error_code.ptr) return fprintf(stderr, "InvokeComplete: success\n"), 0;
    es_json_unescape(ev->error_code, code, sizeof code, &len);
    if (!ev->error_details.ptr || es_json_unescape(ev->error_details, details, sizeof details, &len) != ES_OK)
        snprintf(details, sizeof details, "(no details)");
    fprintf(stderr, "InvokeComplete: ErrorCode %s: %s\n", code, details);
    if (es_lambda_log_result(ev, log_tail, sizeof log_tail, &len) == ES_OK) {
        while (len > 0 && (log_tail[len - 1] == '\n' || log_tail[len - 1] == ' ')) len--;
        if (len > 0) fprintf(stderr, "LogResult:\n%.*s\n", (int)len, (const char *)log_tail);
    }
    return fprintf(stderr, "error: the function failed: %s\n", code), 1;
}

/* An exception or error frame: what the service said. */
static int service_error(const es_message *msg, size_t index, size_t at) {
    es_kind kind;
    size_t len;
    fflush(stdout);
    if (es_message_kind(msg, &kind) != ES_OK) return fprintf(stderr, "error: frame %zu at byte %zu: not an event\n", index, at), 1;
    if (kind.kind == ES_KIND_EXCEPTION) /* the exception's message is JSON text */
        es_json_unescape(kind.message, said, sizeof said, &len);
    else
        snprintf(said, sizeof said, "%.*s", (int)kind.message.len, kind.message.ptr ? (const char *)kind.message.ptr : "");
    fprintf(stderr, "error: frame %zu at byte %zu: the service sent an error: %.*s%s%s\n", index, at,
            (int)kind.name.len, (const char *)kind.name.ptr, said[0] ? ": " : "", said);
    return 1;
}

int main(void) {
    size_t len = 0, start = 0, got, consumed = 0, index = 0, chunks = 0, needed = 0;
    es_decoder decoder;
    es_decoder_init(&decoder);
    while ((got = fread(buf + len, 1, sizeof buf - len, stdin)) > 0 || start < len) {
        len += got;
        es_message msg;
        int rc;
        while ((rc = es_decode(&decoder, buf + start, len - start, &msg, &needed)) == ES_OK) {
            es_lambda_info ev;
            int kind = es_lambda_event(&msg, &ev);
            if (kind == ES_ERR_EXCEPTION || kind == ES_ERR_SERVICE_ERROR) return service_error(&msg, index, consumed);
            if (kind != ES_OK) return fprintf(stderr, "error: frame %zu at byte %zu: %s\n", index, consumed, es_strerror(kind)), 1;
            if (ev.kind == ES_LAMBDA_PAYLOAD_CHUNK) fwrite(ev.payload.ptr, 1, ev.payload.len, stdout), chunks++;
            if (ev.kind == ES_LAMBDA_INVOKE_COMPLETE) return fflush(stdout), complete(&ev);
            start += es_message_len(&msg), consumed += es_message_len(&msg), index++;
        }
        if (rc < 0) {
            fflush(stdout);
            es_decoder_error_message(&decoder, said, sizeof said);
            return fprintf(stderr, "error: frame %zu at byte %zu: %s\n", index, consumed, said), 1;
        }
        if (got == 0) break; /* the input ended inside a frame */
        for (size_t i = start; i < len; i++) buf[i - start] = buf[i]; /* keep the partial frame */
        len -= start, start = 0;
    }
    fflush(stdout);
    if (start < len)
        return fprintf(stderr, "error: frame %zu at byte %zu: stream ended inside a frame: %zu bytes buffered, at least %zu more needed\n",
                       index, consumed, len - start, needed), 1;
    return fprintf(stderr, "error: the response stream ended without InvokeComplete, after %zu PayloadChunk events: it was cut short\n", chunks), 1;
}
