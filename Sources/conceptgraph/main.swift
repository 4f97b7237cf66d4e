import ConceptGraphCLI
import GraphExport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// A closed pipe on stdout becomes an EPIPE error with a message and exit status 1, not a silent death.
signal(SIGPIPE, SIG_IGN)
// Ctrl-C, kill and a closed terminal must stop the tool even when the parent started it with those
// signals blocked (Foundation.Process from a Dispatch thread does); threads started later inherit this.
var stopSignals = sigset_t()
sigemptyset(&stopSignals)
for stop in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&stopSignals, stop) }
sigprocmask(SIG_UNBLOCK, &stopSignals, nil)
// Whatever a command printed with `print` sits in stdio's buffer until exit: if writing it fails
// (`> /dev/full`, a closed pipe), say so and exit 1 instead of exiting 0 with the output lost.
StandardOutput.checkPrintedOutputAtExit()
ConceptGraphCommand.main()
