// Stands in for Node built-ins that bundled libraries reference but scripts may not use.
throw new Error('module not available in the script sandbox');
