import CNcurses
import ConceptExplorer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Design note: the terminal side of the browser.
// ncurses (the system's wide-character build) owns the screen: it switches to the alternate screen,
// reads keys (arrows arrive as KEY_UP … through `keypad`), reports window changes as KEY_RESIZE
// (its own SIGWINCH handler) and puts everything back in `endwin`. We make sure `endwin` runs
// however the browser ends: on `q`, on Ctrl-C/SIGTERM/SIGHUP (handler: endwin, then exit 128+signal)
// and on a crash (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE: endwin, then the handler that
// was there before, Swift's backtracer or the default action, so the crash is still reported). Calling endwin from a signal handler is not async-signal-safe in
// theory; it is what ncurses itself does for SIGINT and in practice restores the terminal.

/// Why the browser could not start.
public enum TerminalBrowserError: Error, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe, a file, a test harness).
    case notATerminal
    /// ncurses could not set up the terminal (unknown `TERM`, …).
    case cannotInitialize(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "browse needs a terminal: standard input and output must both be one "
                + "(for scripts use tree, show, prereqs or search, with --json)"
        case .cannotInitialize(let term):
            return "cannot use the terminal (TERM=\(term)); try TERM=xterm-256color"
        }
    }
}

/// The full-screen browser on a real terminal.
public enum TerminalBrowser {
    /// Runs the browser until the user quits; the terminal is restored on every way out.
    public static func run(_ explorer: Explorer) throws {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { throw TerminalBrowserError.notATerminal }
        setlocale(LC_ALL, "")
        // newterm (not initscr) so a bad TERM is an error we report, not an exit inside ncurses.
        guard let screen = cg_newterm_stdio() else {
            throw TerminalBrowserError.cannotInitialize(getenv("TERM").map { String(cString: $0) } ?? "")
        }
        _ = set_term(screen)
        installSignalHandlers()
        defer {
            // Handlers first: none may call endwin on a screen that is gone.
            restoreSignalHandlers()
            endwin()
            delscreen(screen)
        }
        cbreak()
        noecho()
        nonl()
        keypad(cg_stdscr(), true)
        _ = curs_set(0)
        set_escdelay(25)

        var model = BrowserModel(explorer: explorer)
        while !model.quit {
            draw(model)
            guard let key = readKey() else { continue }
            model.handle(key, pageSize: max(1, Int(cg_lines()) - 3))
        }
    }

    private static func draw(_ model: BrowserModel) {
        let width = Int(cg_cols())
        let height = Int(cg_lines())
        erase()
        for (row, line) in model.screen(width: width, height: height).enumerated() where row < height {
            var column: Int32 = 0
            for piece in line.pieces where !piece.text.isEmpty {
                let attribute = attributeValue(piece.attribute)
                attron(attribute)
                // The last column of the last row cannot be written without scrolling: leave it.
                let room = width - Int(column) - (row == height - 1 ? 1 : 0)
                guard room > 0 else { break }
                let text = String(piece.text.prefix(room))
                mvaddstr(Int32(row), column, text)
                attroff(attribute)
                column += Int32(text.count)
            }
        }
        refresh()
    }

    private static func attributeValue(_ attribute: BrowserAttribute) -> Int32 {
        switch attribute {
        case .normal: return 0
        case .bold: return cg_attr_bold()
        case .dim: return cg_attr_dim()
        case .selected: return cg_attr_reverse()
        case .title: return cg_attr_reverse() | cg_attr_bold()
        }
    }

    /// The next key, or nil for keys the browser ignores (and KEY_RESIZE: the loop redraws).
    private static func readKey() -> BrowserKey? {
        var character: wint_t = 0
        let result = get_wch(&character)
        if result == KEY_CODE_YES {
            switch Int32(character) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_ENTER: return .enter
            case KEY_BACKSPACE: return .backspace
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_HOME: return .home
            case KEY_END: return .end
            default: return nil  // KEY_RESIZE among others: redraw.
            }
        }
        guard result == OK, let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
        switch scalar {
        case "\r", "\n": return .enter
        case "\u{1B}": return .escape
        case "\u{7F}", "\u{08}": return .backspace
        default:
            if scalar.value < 0x20 { return nil }
            return .character(Character(scalar))
        }
    }

    private static let stopSignals = [SIGINT, SIGTERM, SIGHUP]
    private static let crashSignals = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    private static func installSignalHandlers() {
        for sig in stopSignals {
            signal(sig) { received in
                endwin()
                _exit(128 + received)
            }
        }
        // Crashes: restore the terminal, then hand the signal to whoever had it before (Swift's
        // backtracer prints its report on the restored screen) or to the default action.
        for sig in crashSignals {
            var action = sigaction()
            sigemptyset(&action.sa_mask)
            // No deferral: the signal raised again inside the handler reaches the previous handler at once.
            action.sa_flags = Int32(SA_NODEFER)
            #if canImport(Glibc)
                action.__sigaction_handler.sa_handler = restoreAndRethrow
            #else
                action.__sigaction_u.__sa_handler = restoreAndRethrow
            #endif
            sigaction(sig, &action, previousCrashActions + Int(sig))
        }
    }

    /// Puts back what was there before the browser: default stop signals, the previous crash handlers.
    private static func restoreSignalHandlers() {
        for sig in stopSignals { signal(sig, SIG_DFL) }
        for sig in crashSignals { sigaction(sig, previousCrashActions + Int(sig), nil) }
    }
}

/// The crash handlers in place before the browser's, by signal number (read in a signal handler, so a
/// plain buffer allocated once rather than a Swift collection).
private nonisolated(unsafe) let previousCrashActions: UnsafeMutablePointer<sigaction> = {
    let buffer = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    buffer.initialize(repeating: sigaction(), count: 65)
    return buffer
}()

/// Restores the terminal, lets the handler that was there before report the crash, then ends the
/// process by the signal (a handler that returns, as Swift's reporter does, must not resume a crash).
private func restoreAndRethrow(_ received: Int32) {
    endwin()
    sigaction(received, previousCrashActions + Int(received), nil)
    raise(received)
    signal(received, SIG_DFL)
    raise(received)
}
