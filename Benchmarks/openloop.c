// Open-loop HTTP load client for Benchmarks/web-bench.sh: sends POST requests at a constant
// arrival rate (request k is due at start + k / RATE, whether or not earlier answers came back)
// over a pool of keep-alive connections, and measures each answer's latency from the moment its
// request was DUE, not from when a free connection sent it. A closed-loop client (wrk) waits for
// an answer before sending the next request, so when the server stalls it also stops sending and
// the stall shows up in few samples ("coordinated omission"); here a stall delays every request
// that fell due during it, as it would for payment systems arriving on their own schedule.
//
//   cc -O2 -o openloop Benchmarks/openloop.c
//   openloop HOST PORT PATH BODIES_FILE TOKEN RATE SECONDS CONNECTIONS [SAMPLES_FILE]
//
// BODIES_FILE holds one JSON body per line (sent in turn). Prints the achieved rate and the
// latency percentiles; SAMPLES_FILE, if given, gets one line per answer: due time and latency in
// microseconds since the start, and the HTTP status (to line slow answers up with server events).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    int fd;
    int busy;
    int64_t due;  // ns since start of the request in flight
    char *out;
    size_t out_len, out_off;
    char in[65536];
    size_t in_len;
} conn_t;

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void die(const char *what) {
    perror(what);
    exit(1);
}

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int open_conn(struct sockaddr_in *addr) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) die("socket");
    if (connect(fd, (struct sockaddr *)addr, sizeof *addr) < 0) die("connect");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

// Length of a complete response at the start of buf (headers + Content-Length body), 0 if incomplete.
static size_t complete_response(const char *buf, size_t len, int *status) {
    const char *end = memmem(buf, len, "\r\n\r\n", 4);
    if (!end) return 0;
    size_t head = (size_t)(end - buf) + 4;
    long body = 0;
    for (const char *p = buf; p < end; p++) {
        if ((p == buf || p[-1] == '\n') && strncasecmp(p, "content-length:", 15) == 0) body = strtol(p + 15, NULL, 10);
    }
    if (len < head + (size_t)body) return 0;
    *status = (len > 12) ? atoi(buf + 9) : 0;
    return head + (size_t)body;
}

int main(int argc, char **argv) {
    if (argc < 9) {
        fprintf(stderr, "usage: %s HOST PORT PATH BODIES_FILE TOKEN RATE SECONDS CONNECTIONS [SAMPLES_FILE]\n", argv[0]);
        return 2;
    }
    const char *host = argv[1], *path = argv[3], *token = argv[5];
    int port = atoi(argv[2]);
    double rate = atof(argv[6]), seconds = atof(argv[7]);
    int nconn = atoi(argv[8]);
    FILE *samples = argc > 9 ? fopen(argv[9], "w") : NULL;
    if (rate <= 0 || seconds <= 0 || nconn <= 0) {
        fprintf(stderr, "RATE, SECONDS and CONNECTIONS must be positive\n");
        return 2;
    }

    // Every request, prepared up front.
    FILE *f = fopen(argv[4], "r");
    if (!f) die(argv[4]);
    char **reqs = NULL;
    size_t *req_len = NULL, nreq = 0, cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t n;
    while ((n = getline(&line, &lcap, f)) > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
        if (n == 0) continue;
        if (nreq == cap) {
            cap = cap ? cap * 2 : 1024;
            reqs = realloc(reqs, cap * sizeof *reqs);
            req_len = realloc(req_len, cap * sizeof *req_len);
        }
        int len = asprintf(&reqs[nreq],
            "POST %s HTTP/1.1\r\nHost: %s:%d\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\n"
            "Content-Length: %zd\r\n\r\n%s", path, host, port, token, n, line);
        req_len[nreq++] = (size_t)len;
    }
    fclose(f);
    if (nreq == 0) {
        fprintf(stderr, "no bodies in %s\n", argv[4]);
        return 2;
    }

    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        fprintf(stderr, "HOST must be an IPv4 address: %s\n", host);
        return 2;
    }
    int ep = epoll_create1(0);
    conn_t *conns = calloc((size_t)nconn, sizeof *conns);
    int *idle = malloc((size_t)nconn * sizeof *idle), nidle = 0;
    for (int i = 0; i < nconn; i++) {
        conns[i].fd = open_conn(&addr);
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, conns[i].fd, &ev) < 0) die("epoll_ctl");
        idle[nidle++] = i;
    }
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    struct epoll_event tev = {.events = EPOLLIN, .data.u32 = UINT32_MAX};
    epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &tev);

    int64_t total = (int64_t)(rate * seconds);
    int64_t *lat = malloc((size_t)total * sizeof *lat);
    int64_t *backlog = malloc((size_t)total * sizeof *backlog);  // due times waiting for a connection
    int64_t bhead = 0, btail = 0, sent = 0, done = 0, bad = 0, maxbacklog = 0;
    int64_t period = (int64_t)(1e9 / rate);
    int64_t start = now_ns();
    int64_t next_req = 0;  // index of the next request to fall due

    while (done < total) {
        int64_t t = now_ns() - start;
        while (next_req < total && next_req * period <= t) backlog[btail++] = (next_req++) * period;
        if (btail - bhead > maxbacklog) maxbacklog = btail - bhead;
        while (bhead < btail && nidle > 0) {
            conn_t *c = &conns[idle[--nidle]];
            size_t k = (size_t)(sent++ % (int64_t)nreq);
            c->busy = 1;
            c->due = backlog[bhead++];
            c->out = reqs[k];
            c->out_len = req_len[k];
            c->out_off = 0;
            ssize_t w = write(c->fd, c->out, c->out_len);
            if (w < 0 && errno != EAGAIN) die("write");
            if (w > 0) c->out_off = (size_t)w;
            if (c->out_off < c->out_len) {
                struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT, .data.u32 = (uint32_t)(c - conns)};
                epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
            }
        }
        if (next_req < total) {
            int64_t at = start + next_req * period;
            struct itimerspec its = {.it_value = {.tv_sec = at / 1000000000, .tv_nsec = at % 1000000000}};
            timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
        }
        struct epoll_event evs[64];
        int ne = epoll_wait(ep, evs, 64, 1000);
        if (ne < 0 && errno != EINTR) die("epoll_wait");
        for (int e = 0; e < ne; e++) {
            uint32_t id = evs[e].data.u32;
            if (id == UINT32_MAX) {
                uint64_t x;
                (void)!read(tfd, &x, sizeof x);
                continue;
            }
            conn_t *c = &conns[id];
            if (evs[e].events & EPOLLOUT && c->out_off < c->out_len) {
                ssize_t w = write(c->fd, c->out + c->out_off, c->out_len - c->out_off);
                if (w > 0) c->out_off += (size_t)w;
                if (c->out_off == c->out_len) {
                    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = id};
                    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
                }
            }
            if (evs[e].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
                ssize_t r = read(c->fd, c->in + c->in_len, sizeof c->in - c->in_len);
                if (r == 0 || (r < 0 && errno != EAGAIN)) {
                    fprintf(stderr, "connection %u closed by the server after %lld answers\n", id, (long long)done);
                    return 1;
                }
                if (r > 0) c->in_len += (size_t)r;
                int status = 0;
                size_t used = complete_response(c->in, c->in_len, &status);
                if (used && c->busy) {
                    int64_t at = now_ns() - start;
                    lat[done++] = at - c->due;
                    if (status < 200 || status > 399) bad++;
                    if (samples) fprintf(samples, "%lld %lld %d\n", (long long)(c->due / 1000), (long long)((at - c->due) / 1000), status);
                    memmove(c->in, c->in + used, c->in_len - used);
                    c->in_len -= used;
                    c->busy = 0;
                    idle[nidle++] = (int)id;
                }
            }
        }
    }
    double elapsed = (double)(now_ns() - start) / 1e9;
    qsort(lat, (size_t)done, sizeof *lat, cmp_i64);
#define PCT(p) ((double)lat[(size_t)((double)(done - 1) * (p))] / 1e6)
    printf("requests %lld in %.2f s: %.0f requests/s (asked %.0f/s), non-2xx %lld, most waiting for a connection %lld\n",
        (long long)done, elapsed, (double)done / elapsed, rate, (long long)bad, (long long)maxbacklog);
    printf("latency from due time (ms): p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f\n", PCT(0.50), PCT(0.90),
        PCT(0.99), PCT(0.999), (double)lat[done - 1] / 1e6);
    if (samples) fclose(samples);
    return 0;
}
