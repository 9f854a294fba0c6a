namespace StudyBot.Training;
internal static class AssemblyMarker;
