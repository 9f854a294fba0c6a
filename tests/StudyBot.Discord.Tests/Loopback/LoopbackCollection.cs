namespace StudyBot.Discord.Tests.Loopback;

/// <summary>Loopback tests run one at a time: timing assertions (3 s acknowledgements) on a 2-core box.</summary>
[CollectionDefinition("Loopback", DisableParallelization = true)]
public sealed class LoopbackCollection;
