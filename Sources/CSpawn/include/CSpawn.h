#ifndef CSPAWN_H
#define CSPAWN_H

#include <sys/types.h>

/// Starts `path` with `argv` (NULL-terminated), its stdin/stdout/stderr on the given descriptors,
/// every signal unblocked and at its default action, and (on Linux) PR_SET_PDEATHSIG = SIGKILL so
/// that it dies when the thread that started it dies. Returns the child's pid, or -1 with the
/// errno of the failed fork or exec in `*error`.
///
/// Why not Foundation.Process: its children inherit the calling thread's signal mask (SIGTERM
/// blocked when started from a Dispatch thread) and outlive a killed parent.
pid_t cspawn_start(const char *path, char *const argv[], int stdin_fd, int stdout_fd, int stderr_fd, int *error);

/// Flushes stdio's stdout and returns 0, or the errno of a failed write (now or earlier: the
/// stream's error flag is checked too). For the check at exit that nothing printed was lost.
int cspawn_flush_stdout(void);

#endif
