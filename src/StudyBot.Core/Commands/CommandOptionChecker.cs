namespace StudyBot.Core.Commands;

/// <summary>Checks supplied options against the leaf declaration, so handlers can trust names, types and ranges.</summary>
internal static class CommandOptionChecker
{
    /// <summary>A member-facing problem with the options, or null when they fit the declaration.</summary>
    public static string? FindProblem(IReadOnlyList<CommandOptionDeclaration> declared, CommandOptionSet supplied)
    {
        foreach (var option in declared.Where(o => o.Required))
        {
            if (!supplied.Contains(option.Name))
            {
                return $"The option `{option.Name}` is required.";
            }
        }

        foreach (var value in supplied.Values)
        {
            var option = declared.FirstOrDefault(o => o.Name == value.Name);
            if (option is null)
            {
                return $"This command has no option `{value.Name}`.";
            }

            if (!Fits(option.Type, value.Value))
            {
                return $"The option `{value.Name}` has a value of the wrong kind.";
            }

            var problem = CheckLimits(option, value.Value);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static bool Fits(CommandOptionType type, object value) => type switch
    {
        CommandOptionType.String => value is string,
        CommandOptionType.Integer => value is long,
        CommandOptionType.Boolean => value is bool,
        CommandOptionType.Number => value is double or long,
        CommandOptionType.User or CommandOptionType.Channel or CommandOptionType.Role or CommandOptionType.Mentionable => value is ulong,
        CommandOptionType.Attachment => value is CommandAttachment,
        _ => false,
    };

    private static string? CheckLimits(CommandOptionDeclaration option, object value)
    {
        if (value is string text)
        {
            if (option.MinLength is { } min && text.Length < min)
            {
                return $"`{option.Name}` must be at least {min} characters.";
            }

            if (option.MaxLength is { } max && text.Length > max)
            {
                return $"`{option.Name}` must be at most {max} characters.";
            }
        }

        if (value is long or double)
        {
            var number = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
            if (number < option.MinValue || number > option.MaxValue)
            {
                return $"`{option.Name}` must be between {option.MinValue?.ToString() ?? "-∞"} and {option.MaxValue?.ToString() ?? "∞"}.";
            }
        }

        if (option.Choices is { } choices && !choices.Any(c => Equals(c.Value, value)))
        {
            return $"`{option.Name}` must be one of: {string.Join(", ", choices.Select(c => c.Name))}.";
        }

        return null;
    }
}
