using Muybridge.Video.Frames;

namespace Muybridge.Video.Imaging;

/// <summary>Reads one still image into a frame and writes one frame to a still image.</summary>
public static class FrameFile
{
    /// <summary>Reads a PNG, JPEG, WebP, TIFF… (the first page of an animation); alpha is kept when the file has it.</summary>
    /// <exception cref="InvalidFrameInputException">The file is missing or cannot be decoded.</exception>
    public static Frame Load(string path, FramePool? pool = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new InvalidFrameInputException($"Image not found: '{path}'.");
        }

        return Codec.Current.Decode(path, 0, pool ?? FramePool.Shared);
    }

    /// <summary>Writes a .png (with alpha when the frame has it) or .jpg, through a temporary file renamed on success.</summary>
    public static void Save(Frame frame, string path)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".jpg" or ".jpeg"))
        {
            throw new InvalidOptionException($"A single frame is written as .png or .jpg, not '{extension}'.", nameof(path));
        }

        var output = PartialOutput.ForFile(path);
        try
        {
            if (extension == ".png")
            {
                Codec.Current.WritePng(frame, output.TemporaryPath, includeAlpha: frame.HasAlpha);
            }
            else
            {
                Codec.Current.WriteJpeg(frame, output.TemporaryPath, 92);
            }

            output.CommitFile();
        }
        catch
        {
            output.Abort();
            throw;
        }
    }
}
