using System.Text.RegularExpressions;

namespace StudyBot.Core.Commands;

/// <summary>Checks declarations against Discord's rules before they are registered, so a typo fails a unit test
/// rather than the bulk overwrite at start.</summary>
public static partial class CommandDeclarationValidator
{
    public const int MaxOptions = 25;
    public const int MaxDescriptionLength = 100;

    /// <summary>All problems found, as "path: problem" lines; empty when the declarations are valid.</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<CommandDeclaration> declarations)
    {
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var declaration in declarations)
        {
            if (!names.Add(declaration.Name))
            {
                errors.Add($"{declaration.Name}: declared twice");
            }

            errors.AddRange(Validate(declaration));
        }

        return errors;
    }

    public static IReadOnlyList<string> Validate(CommandDeclaration declaration)
    {
        var errors = new List<string>();
        CheckNameAndDescription(declaration.Name, declaration.Description, declaration.Name, errors);
        CheckOptions(declaration.Options, declaration.Name, depth: 0, errors);
        return errors;
    }

    public static void ThrowIfInvalid(IEnumerable<CommandDeclaration> declarations)
    {
        var errors = Validate(declarations);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid command declarations:\n" + string.Join('\n', errors));
        }
    }

    private static void CheckOptions(IReadOnlyList<CommandOptionDeclaration> options, string path, int depth, List<string> errors)
    {
        if (options.Count > MaxOptions)
        {
            errors.Add($"{path}: {options.Count} options (at most {MaxOptions})");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var seenOptional = false;
        var hasSubcommands = options.Any(o => o.IsSubcommandOrGroup);
        if (hasSubcommands && options.Any(o => !o.IsSubcommandOrGroup))
        {
            errors.Add($"{path}: mixes subcommands with plain options");
        }

        foreach (var option in options)
        {
            var optionPath = path + " " + option.Name;
            CheckNameAndDescription(option.Name, option.Description, optionPath, errors);
            if (!names.Add(option.Name))
            {
                errors.Add($"{optionPath}: name used twice");
            }

            if (option.IsSubcommandOrGroup)
            {
                CheckSubcommand(option, optionPath, depth, errors);
                continue;
            }

            if (option.Options is { Count: > 0 })
            {
                errors.Add($"{optionPath}: only subcommands and groups have nested options");
            }

            if (option.Required && seenOptional)
            {
                errors.Add($"{optionPath}: required option after an optional one");
            }

            seenOptional |= !option.Required;
            CheckLeaf(option, optionPath, errors);
        }
    }

    private static void CheckSubcommand(CommandOptionDeclaration option, string path, int depth, List<string> errors)
    {
        if (option.Type == CommandOptionType.SubCommandGroup && depth > 0)
        {
            errors.Add($"{path}: a subcommand group can only sit at the top level");
        }

        if (depth > 1)
        {
            errors.Add($"{path}: nested too deep");
        }

        var children = option.Options ?? [];
        if (option.Type == CommandOptionType.SubCommandGroup && (children.Count == 0 || children.Any(c => c.Type != CommandOptionType.SubCommand)))
        {
            errors.Add($"{path}: a group must contain only subcommands");
        }

        if (option.Type == CommandOptionType.SubCommand && children.Any(c => c.IsSubcommandOrGroup))
        {
            errors.Add($"{path}: a subcommand cannot contain subcommands");
        }

        if (option.Required || option.Choices is not null || option.Autocomplete)
        {
            errors.Add($"{path}: subcommands take no required flag, choices or autocomplete");
        }

        CheckOptions(children, path, depth + 1, errors);
    }

    private static void CheckLeaf(CommandOptionDeclaration option, string path, List<string> errors)
    {
        if (option.Choices is { } choices)
        {
            if (option.Autocomplete)
            {
                errors.Add($"{path}: autocomplete cannot be combined with choices");
            }

            if (choices.Count is 0 or > MaxOptions)
            {
                errors.Add($"{path}: {choices.Count} choices (1 to {MaxOptions})");
            }

            if (option.Type is not (CommandOptionType.String or CommandOptionType.Integer or CommandOptionType.Number))
            {
                errors.Add($"{path}: only string, integer and number options have choices");
            }

            foreach (var choice in choices)
            {
                if (choice.Name.Length is 0 or > 100)
                {
                    errors.Add($"{path}: choice name '{choice.Name}' must be 1-100 characters");
                }

                var valueMatches = option.Type switch
                {
                    CommandOptionType.String => choice.Value is string s && s.Length is > 0 and <= 100,
                    CommandOptionType.Integer => choice.Value is long,
                    CommandOptionType.Number => choice.Value is double or long,
                    _ => false,
                };
                if (!valueMatches)
                {
                    errors.Add($"{path}: choice '{choice.Name}' has a value that does not fit the option type");
                }
            }
        }

        if (option.Autocomplete && option.Type is not (CommandOptionType.String or CommandOptionType.Integer or CommandOptionType.Number))
        {
            errors.Add($"{path}: only string, integer and number options autocomplete");
        }

        if ((option.MinValue is not null || option.MaxValue is not null) && option.Type is not (CommandOptionType.Integer or CommandOptionType.Number))
        {
            errors.Add($"{path}: min/max value only apply to integer and number options");
        }

        if (option.MinValue > option.MaxValue)
        {
            errors.Add($"{path}: min value above max value");
        }

        if (option.MinLength is not null || option.MaxLength is not null)
        {
            if (option.Type != CommandOptionType.String)
            {
                errors.Add($"{path}: min/max length only apply to string options");
            }

            if (option.MinLength is < 0 or > 6000 || option.MaxLength is < 1 or > 6000 || option.MinLength > option.MaxLength)
            {
                errors.Add($"{path}: length limits must satisfy 0 <= min <= max <= 6000");
            }
        }

        if (option.ChannelTypes is not null && option.Type != CommandOptionType.Channel)
        {
            errors.Add($"{path}: channel types only apply to channel options");
        }
    }

    private static void CheckNameAndDescription(string name, string description, string path, List<string> errors)
    {
        if (!NamePattern().IsMatch(name) || !string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal))
        {
            errors.Add($"{path}: name '{name}' must be 1-32 lowercase letters, digits, '-' or '_'");
        }

        if (description.Length is 0 or > MaxDescriptionLength)
        {
            errors.Add($"{path}: description must be 1-{MaxDescriptionLength} characters (has {description.Length})");
        }
    }

    [GeneratedRegex(@"^[-_\p{L}\p{N}]{1,32}$")]
    private static partial Regex NamePattern();
}
