#ifndef CFLIGHTDECKPREFETCH_H
#define CFLIGHTDECKPREFETCH_H

/// Asks the processor to bring the cache line holding `address` into its
/// caches for reading, without waiting for it (`__builtin_prefetch`, GCC and
/// Clang; a hint that never faults, even on an invalid address). Swift has no
/// prefetch of its own; the replay's series lookups use it to fetch hash table
/// lines a line or two before they need them.
static inline void flightdeck_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

/// Like `flightdeck_prefetch`, for a line about to be written
/// (`__builtin_prefetch(address, 1, 3)`: `prefetchw` where the processor has
/// it): the replay prefetches the latency slot a request will fill.
static inline void flightdeck_prefetch_write(const void *address) { __builtin_prefetch(address, 1, 3); }

#endif
