/// The workbench: a pure state machine (`WorkbenchState`, `WorkbenchAction`, `reduce`, effects)
/// and `render(state, into: buffer)`. No curses and no blocking I/O here; effects run off the
/// UI thread and come back as actions. See docs/ARCHITECTURE.md.
public enum Workbench {}
