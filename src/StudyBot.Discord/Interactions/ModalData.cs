namespace StudyBot.Discord.Interactions;

/// <summary>A submitted modal with its inputs flattened out of action rows or Label components.</summary>
public sealed record ModalData(string CustomId, IReadOnlyList<ModalField> Fields)
{
    public string? TryGetValue(string customId) => Fields.FirstOrDefault(f => f.CustomId == customId)?.Value;

    public string GetValue(string customId) =>
        TryGetValue(customId) ?? throw new InteractionOptionException($"Field '{customId}' is required.");
}
