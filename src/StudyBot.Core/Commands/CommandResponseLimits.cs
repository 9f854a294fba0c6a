namespace StudyBot.Core.Commands;

/// <summary>Discord's limits on what a response may carry; the router checks handler responses against them so
/// a limit breach shows up as a clear log line and error message rather than a rejected API call.</summary>
public static class CommandResponseLimits
{
    public const int MaxContentLength = 2000;
    public const int MaxEmbeds = 10;
    public const int MaxEmbedDescriptionLength = 4096;
    public const int MaxEmbedFields = 25;
    public const int MaxActionRows = 5;
    public const int MaxComponentsPerRow = 5;
    public const int MaxCustomIdLength = 100;
    public const int MaxChoices = 25;
    public const int MaxModalInputs = 5;

    /// <summary>The first limit the response breaks, or null when it is within all of them.</summary>
    public static string? FindViolation(CommandResponse response)
    {
        if (response.Content is { Length: > MaxContentLength })
        {
            return $"content has {response.Content.Length} characters (max {MaxContentLength})";
        }

        if (response.Embeds.Count > MaxEmbeds)
        {
            return $"{response.Embeds.Count} embeds (max {MaxEmbeds})";
        }

        foreach (var embed in response.Embeds)
        {
            if (embed.Description is { Length: > MaxEmbedDescriptionLength })
            {
                return $"embed description has {embed.Description.Length} characters (max {MaxEmbedDescriptionLength})";
            }

            if (embed.Fields is { Count: > MaxEmbedFields })
            {
                return $"embed has {embed.Fields.Count} fields (max {MaxEmbedFields})";
            }
        }

        if (response.Components.Count > MaxActionRows)
        {
            return $"{response.Components.Count} action rows (max {MaxActionRows})";
        }

        foreach (var row in response.Components)
        {
            if (row.Components.Count is 0 or > MaxComponentsPerRow)
            {
                return $"an action row has {row.Components.Count} components (1 to {MaxComponentsPerRow})";
            }

            if (row.Components.Any(c => c is SelectMenuComponent) && row.Components.Count > 1)
            {
                return "a select menu must be alone in its action row";
            }

            foreach (var component in row.Components)
            {
                var customId = component switch
                {
                    ButtonComponent b => b.CustomId,
                    SelectMenuComponent s => s.CustomId,
                    _ => null,
                };
                if (customId is { Length: > MaxCustomIdLength or 0 })
                {
                    return $"custom id '{customId}' must be 1-{MaxCustomIdLength} characters";
                }

                if (component is ButtonComponent button && (button.Style == ButtonStyle.Link) != (button.Url is not null && button.CustomId is null))
                {
                    return $"button '{button.Label}': link buttons need a url and no custom id, others a custom id";
                }

                if (component is SelectMenuComponent select && select.Options.Count is 0 or > MaxChoices)
                {
                    return $"select '{select.CustomId}' has {select.Options.Count} options (1 to {MaxChoices})";
                }
            }
        }

        if (response.Kind == CommandResponseKind.Modal)
        {
            if (response.Modal is null)
            {
                return "a modal response without a modal";
            }

            if (response.Modal.Inputs.Count is 0 or > MaxModalInputs || response.Modal.CustomId.Length is 0 or > MaxCustomIdLength)
            {
                return "a modal needs a custom id of 1-100 characters and 1-5 text inputs";
            }
        }

        return null;
    }
}
