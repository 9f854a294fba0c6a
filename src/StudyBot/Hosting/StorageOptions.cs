using System.ComponentModel.DataAnnotations;

namespace StudyBot.Hosting;

/// <summary>The <c>Storage</c> section: where the one LiteDB database file lives.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    [Required]
    public string DatabasePath { get; set; } = Path.Combine("data", "studybot.db");
}
