namespace StudyBot.Discord.Rest;

/// <summary>Body of <c>POST /interactions/{id}/{token}/callback</c> (and of an inline HTTP-endpoint answer).</summary>
public sealed record InteractionCallback(InteractionCallbackType Type, InteractionCallbackData? Data = null);
