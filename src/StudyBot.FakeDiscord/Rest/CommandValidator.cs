using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StudyBot.FakeDiscord.Rest;

/// <summary>Checks a bulk-overwrite body the way Discord does (names, descriptions, option nesting and order, choices),
/// reporting a 50035 tree indexed by command position.</summary>
internal static partial class CommandValidator
{
    [GeneratedRegex(@"^[-_\p{L}\p{N}\p{IsDevanagari}\p{IsThai}]{1,32}$")]
    private static partial Regex NamePattern();

    public static void Validate(JsonNode? body, FormErrors errors)
    {
        if (body is not JsonArray commands)
        {
            errors.Add("", "BASE_TYPE_ARRAY", "Must be an array.");
            return;
        }
        if (commands.Count > 110)
        {
            errors.MaxLength("", 110);
        }
        var seen = new HashSet<(long, string)>();
        for (var i = 0; i < commands.Count; i++)
        {
            var path = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (commands[i] is not JsonObject command)
            {
                errors.Add(path, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
                continue;
            }
            var type = Json.Int(command["type"]) ?? 1;
            if (type is < 1 or > 4)
            {
                errors.Add(path + ".type", "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4}.");
            }
            var name = Json.Str(command["name"]);
            if (name is null)
            {
                errors.Required(path + ".name");
            }
            else if (type == 1 && (!NamePattern().IsMatch(name) || name.Any(char.IsUpper)))
            {
                errors.Add(path + ".name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
            }
            else if (type != 1 && name.Length is 0 or > 32)
            {
                errors.Add(path + ".name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 32 in length.");
            }
            else if (!seen.Add((type, name)))
            {
                errors.Add(path + ".name", "APPLICATION_COMMANDS_DUPLICATE_NAME", $"Application command names must be unique: {name}");
            }
            var description = Json.Str(command["description"]);
            if (type == 1)
            {
                CheckDescription(description, path + ".description", errors);
            }
            else if (!string.IsNullOrEmpty(description))
            {
                errors.Add(path + ".description", "APPLICATION_COMMAND_DESCRIPTION_NOT_ALLOWED",
                    "Descriptions are not allowed for this command type");
            }
            if (command["default_member_permissions"] is { } perms && !Json.IsNull(perms)
                && (Json.Str(perms) is not { } p || !ulong.TryParse(p, out _)))
            {
                errors.Add(path + ".default_member_permissions", "BASE_TYPE_BAD_INT", "Value is not a valid permission bit set.");
            }
            if (command["options"] is { } options && !Json.IsNull(options))
            {
                if (type != 1)
                {
                    errors.Add(path + ".options", "APPLICATION_COMMAND_OPTIONS_NOT_ALLOWED", "Options are only allowed on chat input commands");
                }
                else
                {
                    ValidateOptions(options, path + ".options", depth: 0, errors);
                }
            }
        }
    }

    private static void CheckDescription(string? description, string path, FormErrors errors)
    {
        if (description is null)
        {
            errors.Required(path);
        }
        else if (description.Length is 0 or > 100)
        {
            errors.Add(path, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
        }
    }

    /// <summary>depth 0: directly under the command; 1: under a subcommand group; 2: under a subcommand.</summary>
    private static void ValidateOptions(JsonNode node, string path, int depth, FormErrors errors)
    {
        if (node is not JsonArray options)
        {
            errors.Add(path, "BASE_TYPE_ARRAY", "Must be an array.");
            return;
        }
        if (options.Count > 25)
        {
            errors.MaxLength(path, 25);
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sawOptional = false;
        var kinds = new HashSet<bool>();
        for (var i = 0; i < options.Count; i++)
        {
            var optionPath = $"{path}.{i}";
            if (options[i] is not JsonObject option)
            {
                errors.Add(optionPath, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType");
                continue;
            }
            var type = Json.Int(option["type"]);
            if (type is null or < 1 or > 11)
            {
                errors.Add(optionPath + ".type", "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.");
                continue;
            }
            var name = Json.Str(option["name"]);
            if (name is null || !NamePattern().IsMatch(name) || name.Any(char.IsUpper))
            {
                errors.Add(optionPath + ".name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
            }
            else if (!names.Add(name))
            {
                errors.Add(optionPath + ".name", "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", "Option names must be unique");
            }
            CheckDescription(Json.Str(option["description"]), optionPath + ".description", errors);

            var isSub = type is 1 or 2;
            kinds.Add(isSub);
            if (type == 2 && depth != 0)
            {
                errors.Add(optionPath + ".type", "APPLICATION_COMMAND_OPTION_TYPE_INVALID", "Subcommand groups can only be top-level options");
            }
            if (type == 1 && depth == 2)
            {
                errors.Add(optionPath + ".type", "APPLICATION_COMMAND_OPTION_TYPE_INVALID", "Subcommands cannot be nested in subcommands");
            }
            if (depth == 1 && type != 1)
            {
                errors.Add(optionPath + ".type", "APPLICATION_COMMAND_OPTION_TYPE_INVALID", "Subcommand groups may only contain subcommands");
            }
            if (isSub)
            {
                if (option["options"] is { } nested && !Json.IsNull(nested))
                {
                    ValidateOptions(nested, optionPath + ".options", type == 2 ? 1 : 2, errors);
                }
                continue;
            }

            var required = Json.Bool(option["required"]) ?? false;
            if (required && sawOptional)
            {
                errors.Add(optionPath + ".required", "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    "Required options must be placed before non-required options");
            }
            sawOptional |= !required;
            ValidateChoices(option, type.Value, optionPath, errors);
        }
        if (kinds.Count > 1)
        {
            errors.Add(path, "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                "Subcommands and subcommand groups cannot be mixed with other option types");
        }
    }

    private static void ValidateChoices(JsonObject option, long type, string path, FormErrors errors)
    {
        var autocomplete = Json.Bool(option["autocomplete"]) ?? false;
        var hasChoices = option["choices"] is JsonArray { Count: > 0 };
        if (autocomplete && type is not (3 or 4 or 10))
        {
            errors.Add(path + ".autocomplete", "APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_INVALID",
                "Autocomplete is only allowed on string, integer and number options");
        }
        if (autocomplete && hasChoices)
        {
            errors.Add(path + ".autocomplete", "APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES_NOT_ALLOWED",
                "Autocomplete cannot be enabled on options that have choices");
        }
        if (option["choices"] is not JsonArray choices || choices.Count == 0)
        {
            return;
        }
        if (type is not (3 or 4 or 10))
        {
            errors.Add(path + ".choices", "APPLICATION_COMMAND_OPTION_CHOICES_NOT_ALLOWED",
                "Choices are only allowed on string, integer and number options");
            return;
        }
        if (choices.Count > 25)
        {
            errors.MaxLength(path + ".choices", 25);
        }
        for (var c = 0; c < choices.Count; c++)
        {
            var choicePath = $"{path}.choices.{c}";
            if (choices[c] is not JsonObject choice)
            {
                continue;
            }
            if (Json.Str(choice["name"]) is not { Length: >= 1 and <= 100 })
            {
                errors.Add(choicePath + ".name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
            }
            var value = choice["value"];
            var ok = type switch
            {
                3 => Json.Str(value) is { Length: >= 1 and <= 100 },
                4 => Json.Int(value) is not null,
                _ => Json.Num(value) is not null,
            };
            if (!ok)
            {
                errors.Add(choicePath + ".value", "APPLICATION_COMMAND_OPTION_CHOICE_VALUE_INVALID", "Choice value does not match the option type");
            }
        }
    }
}
