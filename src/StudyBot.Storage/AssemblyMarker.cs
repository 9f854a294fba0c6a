namespace StudyBot.Storage;
internal static class AssemblyMarker;
