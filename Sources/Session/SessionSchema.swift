import Declaration
import Synthesis

/// The JSON Schemas of Doppel's files, generated from their one declaration
/// (`doppel schema`; docs/session.schema.json is this output, checked by a test).
public enum SessionSchema {
    public static func session() -> JSONDocument {
        JSONSchemaWriter.document(title: "Doppel session (format \(Session.currentFormat))", root: Session.declaration.shape,
                                  extraDefinitions: PlanSchema.definitions)
    }

    public static func plan() -> JSONDocument {
        JSONSchemaWriter.document(title: "Doppel plan", root: Plan.declaration.shape, extraDefinitions: PlanSchema.definitions)
    }
}
