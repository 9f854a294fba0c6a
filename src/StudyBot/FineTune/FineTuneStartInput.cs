using StudyBot.Core.Commands;

namespace StudyBot.FineTune;

/// <summary>The options of <c>/finetune start</c>, with nulls for those not given.</summary>
public sealed record FineTuneStartInput(
    string Model,
    CommandAttachment? Attachment,
    string? PaperSlug,
    string? SampleName,
    int? Rank,
    double? Alpha,
    string? Targets,
    int? Steps,
    double? LearningRate,
    int? SequenceLength,
    int? Seed,
    string? Prompt);
