export declare const HOST: RegExp[];
export declare function hostCascade(stderr: string): (message: string) => boolean;
export declare function locatedMessage(raw: string): { file: string | undefined; line: number; message: string } | undefined;
