// The module is header-only (`flightdeck_prefetch` is inline); SwiftPM needs
// one source file to build a C target.
#include "CFlightDeckPrefetch.h"
