namespace StudyBot.FakeDiscord;
internal static class AssemblyMarker;
