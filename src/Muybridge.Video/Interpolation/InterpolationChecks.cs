using Muybridge.Video.Frames;

namespace Muybridge.Video.Interpolation;

/// <summary>The checks every <see cref="IFrameInterpolator"/> makes on its arguments, written once for all of them.</summary>
public static class InterpolationChecks
{
    /// <summary>
    /// Throws when the two frames differ in size, a time is not strictly between 0 and 1, or the results do not match the
    /// times one for one at the inputs' size.
    /// </summary>
    public static void Validate(Frame first, Frame second, ReadOnlySpan<float> times, ReadOnlySpan<Frame> results)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Width != second.Width || first.Height != second.Height)
        {
            throw new InvalidFrameInputException($"Cannot interpolate between frames of different sizes ({first.Width}x{first.Height} and {second.Width}x{second.Height}); register them to one canvas first (ImageFolderOptions.Fit).");
        }

        if (times.Length != results.Length)
        {
            throw new InvalidOptionException($"{times.Length} times but {results.Length} result frames.", nameof(results));
        }

        foreach (var t in times)
        {
            if (!(t > 0 && t < 1))
            {
                throw new OptionOutOfRangeException(nameof(times), t, "Interpolation times must lie strictly between 0 (the first frame) and 1 (the second).");
            }
        }

        foreach (var result in results)
        {
            if (result.Width != first.Width || result.Height != first.Height)
            {
                throw new InvalidOptionException($"A result frame is {result.Width}x{result.Height}, not the inputs' {first.Width}x{first.Height}.", nameof(results));
            }
        }
    }

    /// <summary>Gives the result an alpha plane exactly when either input has one; returns whether it did.</summary>
    public static bool PrepareAlpha(Frame first, Frame second, Frame result)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(result);
        if (first.HasAlpha || second.HasAlpha)
        {
            result.EnsureAlpha();
            return true;
        }

        if (result.HasAlpha)
        {
            result.RemoveAlpha();
        }

        return false;
    }
}
