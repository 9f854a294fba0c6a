namespace StudyBot.Training.Data;

/// <summary>A training data file cannot be used; the message says what is wrong and, where it can, on which line.</summary>
public sealed class DatasetException : Exception
{
    public DatasetException()
    {
    }

    public DatasetException(string message)
        : base(message)
    {
    }

    public DatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DatasetException(string message, int lineNumber)
        : base(message)
    {
        LineNumber = lineNumber;
    }

    public DatasetException(string message, int lineNumber, Exception innerException)
        : base(message, innerException)
    {
        LineNumber = lineNumber;
    }

    /// <summary>The 1-based line the problem is on, when it belongs to one line.</summary>
    public int? LineNumber { get; }
}
