{
  "targets": [
    {
      "target_name": "mapfile",
      "sources": ["native/mapfile.c"],
      "cflags": ["-O2", "-Wall", "-Wextra"]
    },
    {
      "target_name": "scan",
      "sources": ["native/scan.c"],
      "cflags": ["-O3", "-Wall", "-Wextra"]
    }
  ]
}
