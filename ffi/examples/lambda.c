/* A Lambda InvokeWithResponseStream body, printed as `eventstream lambda`
 * prints it: the function's output on stdout, how it ended on stderr.
 * Frames up to 1 MiB.  cc lambda.c $(pkg-config --cflags --libs eventstream) && ./a.out < body.bin */
#include <eventstream.h>
#include <stdio.h>

int main(void) {
    static uint8_t buf[1 << 20];
    size_t len = 0, start = 0, got;
    es_decoder decoder;
    es_decoder_init(&decoder);
    while ((got = fread(buf + len, 1, sizeof buf - len, stdin)) > 0 || start < len) {
        len += got;
        es_message msg;
        int rc;
        while ((rc = es_decode(&decoder, buf + start, len - start, &msg, NULL)) == ES_OK) {
            es_lambda_info ev;
            if (es_lambda_event(&msg, &ev) != ES_OK) return fprintf(stderr, "not a Lambda event\n"), 1;
            if (ev.kind == ES_LAMBDA_PAYLOAD_CHUNK) fwrite(ev.payload.ptr, 1, ev.payload.len, stdout);
            if (ev.kind == ES_LAMBDA_INVOKE_COMPLETE) {
                if (!ev.error_code.ptr) return fprintf(stderr, "InvokeComplete: success\n"), 0;
                return fprintf(stderr, "InvokeComplete: ErrorCode %.*s: %.*s\n", (int)ev.error_code.len,
                               (const char *)ev.error_code.ptr, (int)ev.error_details.len,
                               (const char *)ev.error_details.ptr), 1;
            }
            start += es_message_len(&msg);
        }
        if (rc != ES_INCOMPLETE) return fprintf(stderr, "error: %s\n", es_strerror(rc)), 1;
        if (got == 0) return fprintf(stderr, "error: the stream ends without InvokeComplete\n"), 1;
        for (size_t i = start; i < len; i++) buf[i - start] = buf[i]; /* keep the partial frame */
        len -= start, start = 0;
    }
    return fprintf(stderr, "error: the stream ends without InvokeComplete\n"), 1;
}
