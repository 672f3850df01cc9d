{
  "targets": [
    {
      "target_name": "mapfile",
      "sources": ["native/mapfile.c"],
      "cflags": ["-O2", "-Wall", "-Wextra"]
    }
  ]
}
