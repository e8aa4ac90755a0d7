namespace Framework.Options;

/// <summary>The kinds of value an option can hold in an experiment file.</summary>
public enum OptionKind
{
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A 32-bit integer.</summary>
    Int32,

    /// <summary>A 64-bit integer.</summary>
    Int64,

    /// <summary>A 32-bit floating-point number.</summary>
    Single,

    /// <summary>A 64-bit floating-point number.</summary>
    Double,

    /// <summary>Any text.</summary>
    String,

    /// <summary>One member of an enum, written as its snake_case name.</summary>
    Enum,

    /// <summary>A list (<c>T[]</c>) of integers, numbers or strings.</summary>
    Array,

    /// <summary>A nested options class whose keys sit under this key (like <c>training.optimizer</c>).</summary>
    Group,

    /// <summary>A free-form <c>Dictionary&lt;string, string&gt;</c> (like <c>tracking.tags</c>).</summary>
    Map,

    /// <summary>A <c>Dictionary&lt;string, T&gt;</c> of named groups of one options class (like <c>training.optimizers</c>,
    /// keyed by the model's optimiser groups); which names are allowed is checked where the names are known.</summary>
    GroupMap,
}
