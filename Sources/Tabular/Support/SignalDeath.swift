#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The last step of a fatal-signal handler: put the signal's default action back, unblock it
/// and raise it again, so that the process dies of that signal (its exit status is what it
/// would have been). Async-signal-safe: only sigaction, sigprocmask and raise. The temporary
/// file cleanup and the terminal restoration both end with it.
public enum SignalDeath {
    public static func reraiseWithDefaultAction(_ signal: Int32) {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = SIG_DFL
        #else
        action.__sigaction_u.__sa_handler = SIG_DFL
        #endif
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
        var pending = sigset_t()
        sigemptyset(&pending)
        sigaddset(&pending, signal)
        sigprocmask(SIG_UNBLOCK, &pending, nil)
        raise(signal)
    }
}
