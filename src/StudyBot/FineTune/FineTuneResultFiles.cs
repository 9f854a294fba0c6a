using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>The files a result post attaches: the loss curve and the adapter zip, each only when within the upload limit.</summary>
public static class FineTuneResultFiles
{
    public static IReadOnlyList<ResponseFile> Read(FineTuneResult result, long maxUploadBytes)
    {
        var files = new List<ResponseFile>();
        Add(files, result.LossPlotPath, "image/png", maxUploadBytes);
        if (!result.AdapterTooLargeToUpload)
        {
            Add(files, result.AdapterZipPath, "application/zip", maxUploadBytes);
        }

        return files;
    }

    private static void Add(List<ResponseFile> files, string? path, string contentType, long maxBytes)
    {
        if (path is not null && File.Exists(path) && new FileInfo(path).Length <= maxBytes)
        {
            files.Add(new ResponseFile(Path.GetFileName(path), File.ReadAllBytes(path), contentType));
        }
    }
}
