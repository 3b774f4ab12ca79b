/// A mouse event in screen cells (0-based), reported only when the user asked for the mouse
/// (`doppel --mouse`): without it the terminal keeps its own selection and scrolling.
public enum MouseEvent: Hashable, Sendable {
    /// The left button went down at a cell.
    case press(x: Int, y: Int)
    case wheelUp(x: Int, y: Int)
    case wheelDown(x: Int, y: Int)
}
