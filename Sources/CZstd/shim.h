// Zstandard from the system (Debian: libzstd-dev): decompresses the collection.anki21b of modern Anki packages.
#include <zstd.h>
