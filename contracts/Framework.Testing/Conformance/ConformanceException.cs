namespace Framework.Testing.Conformance;

/// <summary>A plugin failed a conformance check; the message is the report's table.</summary>
public sealed class ConformanceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConformanceException()
    {
    }

    /// <summary>Creates the exception with the report's table.</summary>
    /// <param name="message">The table.</param>
    public ConformanceException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="inner">The cause.</param>
    public ConformanceException(string message, Exception inner) : base(message, inner)
    {
    }
}
