namespace StudyBot.Core;
internal static class AssemblyMarker;
