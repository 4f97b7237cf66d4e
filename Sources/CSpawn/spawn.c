#include "CSpawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

pid_t cspawn_start(const char *path, char *const argv[], int stdin_fd, int stdout_fd, int stderr_fd, int *error) {
    // A close-on-exec pipe: the child writes its exec errno there; EOF means exec succeeded.
    int status_pipe[2];
    if (pipe(status_pipe) != 0) {
        *error = errno;
        return -1;
    }
    fcntl(status_pipe[0], F_SETFD, FD_CLOEXEC);
    fcntl(status_pipe[1], F_SETFD, FD_CLOEXEC);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        *error = errno;
        close(status_pipe[0]);
        close(status_pipe[1]);
        return -1;
    }
    if (pid == 0) {
        // Child: only async-signal-safe calls from here on.
#ifdef __linux__
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(127);  // the parent died before prctl took effect
#else
        (void)parent;
#endif
        for (int sig = 1; sig < 32; sig++) {
            if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_DFL);
        }
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        if (dup2(stdin_fd, 0) < 0 || dup2(stdout_fd, 1) < 0 || dup2(stderr_fd, 2) < 0) {
            int code = errno;
            (void)!write(status_pipe[1], &code, sizeof code);
            _exit(127);
        }
        execv(path, argv);
        int code = errno;
        (void)!write(status_pipe[1], &code, sizeof code);
        _exit(127);
    }
    close(status_pipe[1]);
    int code = 0;
    ssize_t got;
    do {
        got = read(status_pipe[0], &code, sizeof code);
    } while (got < 0 && errno == EINTR);
    close(status_pipe[0]);
    if (got == (ssize_t)sizeof code) {
        // exec failed: the child has exited with 127; reap it here.
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
        }
        *error = code;
        return -1;
    }
    *error = 0;
    return pid;
}

int cspawn_flush_stdout(void) {
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) return errno != 0 ? errno : EIO;
    return 0;
}
