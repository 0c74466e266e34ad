/** HATS catalogues (HEALPix-partitioned Parquet) and the HEALPix arithmetic they need. */
export {
  HealpixError, MAX_NUMBER_ORDER, MAX_ORDER, allPixels, ang2pix, ang2pix29, angularDistance, coverCap, coverPolygon,
  maxPixelRadius, pix2ang, pixelRange29, polygonCap, type Cap,
} from './healpix.js';
