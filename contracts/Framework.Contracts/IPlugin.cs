namespace Framework.Contracts;

/// <summary>What every plugin exposes: a name that experiment files use, and a typed options class.</summary>
/// <remarks>
/// The options class is a plain class with a public parameterless constructor and public settable properties. The
/// host derives the experiment-file schema from it: property names become snake_case keys, property initialisers are
/// the defaults, <see cref="System.ComponentModel.DescriptionAttribute"/> gives the help text,
/// <see cref="System.ComponentModel.DataAnnotations.RangeAttribute"/> the allowed range and
/// <see cref="System.ComponentModel.DataAnnotations.AllowedValuesAttribute"/> (or an enum type) the allowed values.
/// Supported property types: <see cref="bool"/>, <see cref="int"/>, <see cref="long"/>, <see cref="float"/>,
/// <see cref="double"/>, <see cref="string"/>, enums, arrays of the numeric types or strings, nested option classes
/// (groups, written as nested mappings) and <c>Dictionary&lt;string, string&gt;</c> (free-form maps). An option may not
/// be called <c>Plugin</c>: the <c>plugin</c> key names the plugin itself.
/// </remarks>
public interface IPlugin
{
    /// <summary>The name used in experiment files, lower-case with dashes (for example <c>rbm</c>, <c>bars-and-stripes</c>).</summary>
    string Name { get; }

    /// <summary>One sentence for <c>plugins list</c> and <c>plugins describe</c>.</summary>
    string Description { get; }

    /// <summary>The options class that experiment files fill in.</summary>
    Type OptionsType { get; }
}
