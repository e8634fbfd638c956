namespace Muybridge.Video.Motion;

internal static class FlowResampling
{
    /// <summary>Bilinear upsampling of a coarser level's flow to a finer level, vectors scaled by the size ratio.</summary>
    public static void Upsample(FlowField coarse, FlowField fine, int width, int height)
    {
        fine.Resize(width, height);
        var sx = (float)coarse.Width / width;
        var sy = (float)coarse.Height / height;
        var scaleU = (float)width / coarse.Width;
        var scaleV = (float)height / coarse.Height;
        var u = fine.U;
        var v = fine.V;
        for (var y = 0; y < height; y++)
        {
            var cy = (y + 0.5f) * sy - 0.5f;
            for (var x = 0; x < width; x++)
            {
                var (cu, cv) = coarse.Sample((x + 0.5f) * sx - 0.5f, cy);
                u[y * width + x] = cu * scaleU;
                v[y * width + x] = cv * scaleV;
            }
        }
    }
}
