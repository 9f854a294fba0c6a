namespace StudyBot.Cli;

/// <summary>Bad arguments: the message is shown with the verb's usage and the process exits with code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
