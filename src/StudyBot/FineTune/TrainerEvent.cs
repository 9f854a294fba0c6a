using System.Text.Json;

namespace StudyBot.FineTune;

/// <summary>One JSON line the trainer wrote to stdout.</summary>
public abstract record TrainerEvent;

public sealed record TrainerProgressEvent(int Step, int TotalSteps, double Loss, double LearningRate, double TokensPerSecond, TimeSpan? Eta) : TrainerEvent;

/// <summary>A validation measurement; <paramref name="Phase"/> is "before", "during" or "after".</summary>
public sealed record TrainerEvalEvent(string Phase, int Step, double ValidationLoss, double Perplexity) : TrainerEvent;

/// <summary>The trainer finished; <paramref name="Payload"/> is the whole line, kept for the result fields it carries.</summary>
public sealed record TrainerCompletedEvent(JsonElement Payload) : TrainerEvent;

public sealed record TrainerFailedEvent(string Message) : TrainerEvent;

/// <summary>A status line ("loading model…", "device cpu; libtorch …").</summary>
public sealed record TrainerStatusEvent(string Message) : TrainerEvent;

/// <summary>A well-formed line of a type the bot does not use (e.g. checkpoint notices).</summary>
public sealed record TrainerOtherEvent(string Type) : TrainerEvent;
