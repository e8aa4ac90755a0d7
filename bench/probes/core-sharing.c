/*
 * Are transfers between the two cores slow right now? Two threads, pinned to CPUs 0 and 1, update a 2.6 MB buffer
 * (the size of the MLP VAE's parameters) in halves and meet at a spin barrier after every pass. In alternate seconds
 * the halves change owner every pass ("s", shared: every cache line moves between the cores) or keep their owner
 * ("p", private). Prints the bytes updated per second, in GB/s, for each second.
 *
 *   gcc -O2 -march=native -pthread -o /tmp/core-sharing bench/probes/core-sharing.c && /tmp/core-sharing 8
 *
 * On our 2-core machine (four runs, 2026-11-25) "p" stayed at 140-163 GB/s throughout; "s" was 134-139 GB/s in the
 * machine's fast state and 46-50 in its slow one, which is why RowSplitMlpStep keeps every buffer on the core that
 * owns it.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define N 650000 /* floats */
static float *buffer;
static _Atomic long arrived;
static _Atomic int stop, private_mode;
static _Atomic long passes;

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

static void pin(int cpu) { cpu_set_t set; CPU_ZERO(&set); CPU_SET(cpu, &set); pthread_setaffinity_np(pthread_self(), sizeof set, &set); }

static void *work(void *argument)
{
    int id = (int)(long)argument;
    pin(id);
    for (long pass = 0; !atomic_load(&stop); pass++) {
        int owner = atomic_load(&private_mode) ? id : ((pass & 1) ? id : 1 - id);
        float *half = buffer + owner * (N / 2);
        for (int i = 0; i < N / 2; i++)
            half[i] = half[i] * 0.999f + 1e-3f;
        long target = 2 * (pass + 1);
        atomic_fetch_add(&arrived, 1);
        while (atomic_load(&arrived) < target && !atomic_load(&stop))
            ;
        if (id == 0)
            atomic_fetch_add(&passes, 1);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    int seconds = argc > 1 ? atoi(argv[1]) : 8;
    buffer = aligned_alloc(64, N * sizeof(float));
    for (int i = 0; i < N; i++)
        buffer[i] = 1;
    pthread_t threads[2];
    for (long i = 0; i < 2; i++)
        pthread_create(&threads[i], NULL, work, (void *)i);
    long last = 0;
    for (int s = 0; s < seconds; s++) {
        double start = now();
        sleep(1);
        long done = atomic_load(&passes);
        printf("%s%.0f ", atomic_load(&private_mode) ? "p" : "s", (done - last) * N * 4.0 / 1e9 / (now() - start));
        fflush(stdout);
        last = done;
        atomic_store(&private_mode, !atomic_load(&private_mode));
    }
    atomic_store(&stop, 1);
    for (int i = 0; i < 2; i++)
        pthread_join(threads[i], NULL);
    printf("GB/s\n");
    return 0;
}
