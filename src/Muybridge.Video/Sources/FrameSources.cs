using Muybridge.Video.Imaging;

namespace Muybridge.Video.Sources;

/// <summary>Opens the right source for a path: a folder of images, an animated GIF/WebP, a plate (with a grid), or a video.</summary>
public static class FrameSources
{
    private static readonly string[] VideoExtensions = [".mp4", ".mov", ".m4v", ".mkv", ".webm", ".avi", ".apng"];

    /// <summary>Opens <paramref name="path"/>.</summary>
    /// <param name="path">A folder, an animated image, a still plate, or a video file.</param>
    /// <param name="plateGrid">Rows and columns when the image is a plate; required for a still image.</param>
    /// <param name="framesPerSecond">Rate for inputs that have none of their own (folders, plates).</param>
    /// <param name="fit">What a folder of differently sized frames does.</param>
    /// <param name="keepFrameNumbers">Leave the frame numbers printed on a plate's pictures (default: painted out).</param>
    /// <param name="cancellationToken">Cancels probing a video.</param>
    /// <exception cref="InvalidFrameInputException">The input is missing, unreadable, or a still image without a plate grid.</exception>
    public static async Task<IFrameSource> OpenAsync(string path, (int Rows, int Columns)? plateGrid = null, double framesPerSecond = 12, CanvasFit fit = CanvasFit.Refuse, bool keepFrameNumbers = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            return ImageFolderSource.Open(path, new ImageFolderOptions { FramesPerSecond = framesPerSecond, Fit = fit });
        }

        if (!File.Exists(path))
        {
            throw new InvalidFrameInputException($"Input not found: '{path}' is neither a folder nor a file.");
        }

        if (VideoExtensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
        {
            return await VideoFileSource.OpenAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (plateGrid is { } grid)
        {
            return PlateSource.Open(path, grid.Rows, grid.Columns, framesPerSecond, keepFrameNumbers: keepFrameNumbers);
        }

        AnimationIntegrity.Check(path);
        var header = Codec.Current.ReadHeader(path);
        if (header.Pages > 1)
        {
            return AnimatedImageSource.Open(path, framesPerSecond);
        }

        throw new InvalidFrameInputException($"'{path}' is a single image; if it is a plate, give its grid (CLI: --plate ROWSxCOLUMNS, e.g. --plate 4x4).");
    }
}
