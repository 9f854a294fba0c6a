namespace StudyBot.EndToEnd.Tests.Playground;

/// <summary>Tests that set process environment variables (as a user's shell would) run alone, after the parallel
/// ones, so no other test's bot reads them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Changes the process environment";
}
