/* The handbook replaces pydata-sphinx-theme's Font Awesome script (1.5 MB, 525 KB gzipped),
   which the theme loads on every page to draw about ten icons. The theme's stylesheet already
   carries Font Awesome's web font and the icon classes, so every icon still shows; this file
   only keeps the theme's <script> tag from loading the large one (static files of the project
   replace the theme's of the same name). See docs/performance.md, "Page weight". */
