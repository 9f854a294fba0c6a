namespace StudyBot.Discord;
internal static class AssemblyMarker;
